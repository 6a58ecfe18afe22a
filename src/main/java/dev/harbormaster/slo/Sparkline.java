package dev.harbormaster.slo;

import java.util.List;
import java.util.Objects;

/** A row of ▁▂▃▄▅▆▇█ scaled between the lowest and highest value; a missing value is a space. */
public final class Sparkline {

    private static final char[] BARS = "▁▂▃▄▅▆▇█".toCharArray();

    private Sparkline() {
    }

    public static String of(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        List<Double> known = values.stream().filter(Objects::nonNull).filter(v -> !v.isNaN() && !v.isInfinite()).toList();
        double min = known.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = known.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        StringBuilder line = new StringBuilder(values.size());
        for (Double value : values) {
            if (value == null || value.isNaN() || value.isInfinite()) {
                line.append(' ');
            } else if (max == min) {
                // all equal: a flat line in the middle says "steady", the lowest bar would say "bad"
                line.append(BARS[BARS.length / 2]);
            } else {
                int bar = (int) Math.round((value - min) / (max - min) * (BARS.length - 1));
                line.append(BARS[Math.max(0, Math.min(BARS.length - 1, bar))]);
            }
        }
        return line.toString();
    }
}
