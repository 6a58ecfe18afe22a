package dev.harbormaster.deployment.watch;

import java.time.Duration;
import java.util.Locale;

/** Durations in log lines as people write them in configuration: {@code 1m}, {@code 30s}, {@code 1m30s}. */
final class Durations {

    private Durations() {
    }

    static String readable(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
