package dev.harbormaster.command;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A report's look-back window as typed: {@code 30d}, {@code 4w}; whole days, 1 to 365. */
public record DayWindow(int days) {

    public static final DayWindow DEFAULT = new DayWindow(30);
    private static final Pattern FORM = Pattern.compile("(\\d{1,3})([dw])");

    /** Empty when the text is not a window of 1 to 365 days. */
    public static Optional<DayWindow> parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        int days = Integer.parseInt(m.group(1)) * (m.group(2).equals("w") ? 7 : 1);
        return days < 1 || days > 365 ? Optional.empty() : Optional.of(new DayWindow(days));
    }

    public Duration duration() {
        return Duration.ofDays(days);
    }

    public String text() {
        return days + "d";
    }

    public static String problem(String typed) {
        return "`--window` takes whole days or weeks from 1d to 365d, e.g. `30d` or `4w`; you wrote " + Mrkdwn.code(typed) + ".";
    }
}
