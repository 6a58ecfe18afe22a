package dev.harbormaster.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses in a unified JVM GC log ({@code -Xlog:gc*:file=…}, default decorations: uptime, level,
 * tags), e.g. {@code [12.345s][info][gc] GC(7) Pause Young (Allocation Failure) 40M->9M(61M) 3.214ms}. Only the
 * summary lines of the plain {@code gc} tag are read, so a pause is counted once, not again for each of its phases.
 */
final class GcLogPauses {

    private static final Pattern PAUSE = Pattern.compile(
            "^\\[(\\d+(?:\\.\\d+)?)s\\].*?\\[gc\\s*\\].*\\bPause\\b.*?(\\d+(?:\\.\\d+)?)ms\\s*$");

    /** A pause: JVM uptime at its end (s), how long it was (ms), and what the log says it was (kind, cause, heap). */
    record Pause(double uptimeSeconds, double millis, String what) {
    }

    private GcLogPauses() {
    }

    static List<Pause> read(Path log) throws IOException {
        List<Pause> pauses = new ArrayList<>();
        if (!Files.exists(log)) {
            return pauses;
        }
        for (String line : Files.readAllLines(log)) {
            Matcher m = PAUSE.matcher(line);
            if (m.matches()) {
                pauses.add(new Pause(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        line.substring(line.indexOf("Pause")).trim()));
            }
        }
        return pauses;
    }

    /** The pauses that ended within [from, to] seconds of JVM uptime. */
    static List<Pause> between(List<Pause> pauses, double from, double to) {
        return pauses.stream().filter(p -> p.uptimeSeconds() >= from && p.uptimeSeconds() <= to).toList();
    }

    static double longestMs(List<Pause> pauses) {
        return pauses.stream().mapToDouble(Pause::millis).max().orElse(0);
    }

    static long longerThan(List<Pause> pauses, double millis) {
        return pauses.stream().filter(p -> p.millis() > millis).count();
    }

    static double totalMs(List<Pause> pauses) {
        return pauses.stream().mapToDouble(Pause::millis).sum();
    }
}
