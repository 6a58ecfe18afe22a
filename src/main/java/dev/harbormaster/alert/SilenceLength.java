package dev.harbormaster.alert;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A silence's length as people type it: {@code 90m}, {@code 4h}, {@code 1h30m}, {@code 2d}; at most 30 days. */
public final class SilenceLength {

    static final Duration LONGEST = Duration.ofDays(30);
    private static final Pattern WHOLE = Pattern.compile("(\\d{1,5}[dhm])+");
    private static final Pattern PART = Pattern.compile("(\\d{1,5})([dhm])");

    private SilenceLength() {
    }

    /** The length, or empty when it is not one (or is zero, or longer than 30 days). */
    public static Optional<Duration> parse(String text) {
        String trimmed = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        if (!WHOLE.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(trimmed);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofMinutes(amount);
            });
        }
        return total.isZero() || total.compareTo(LONGEST) > 0 ? Optional.empty() : Optional.of(total);
    }

    /** What to say when {@link #parse} found nothing. */
    static String expected() {
        return "a length such as `30m`, `4h`, `1h30m` or `2d` (at most 30 days)";
    }
}
