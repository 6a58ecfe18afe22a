package dev.harbormaster.dora;

import java.time.Duration;
import java.time.Instant;

/**
 * The four DORA measures over one window, from what Harbormaster recorded. A figure that cannot be known is absent
 * with the reason ({@link Figure#unknown}), never zero.
 *
 * @param deploys          successful production deploys in the window
 * @param changes          production deploys that finished (succeeded or failed): the change failure rate's denominator
 * @param failedChanges    those that failed, or were rolled back within 24 h
 */
public record DoraFigures(Instant from, Instant to, int deploys, int changes, int failedChanges,
                          Figure<Duration> timeToRestore, int restores, Figure<Duration> leadTime, int leadTimeSamples) {

    /** A value, or why there is none. */
    public record Figure<T>(T value, String unknown) {
        public static <T> Figure<T> of(T value) {
            return new Figure<>(value, null);
        }

        public static <T> Figure<T> unknown(String why) {
            return new Figure<>(null, why);
        }

        public boolean known() {
            return value != null;
        }
    }

    public double days() {
        return Math.max(1, Duration.between(from, to).toHours()) / 24.0;
    }

    /** Successful deploys per week. */
    public double deploysPerWeek() {
        return deploys * 7.0 / days();
    }

    /** Failed share of finished changes, or unknown when nothing was deployed. */
    public Figure<Double> changeFailureRate() {
        return changes == 0 ? Figure.unknown("no production deploy finished in the window")
                : Figure.of((double) failedChanges / changes);
    }
}
