package dev.harbormaster.benchmark;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * The figures of one {@link OpenLoopLoad} run, per request (nanoTime based): due time, send lag, latency from the due
 * time, outcome. Percentiles are over every request, failures included at the time they failed, so errors cannot
 * make the tail look better.
 */
final class LoadRun {

    private final String label;
    private final double rate;
    private final long[] due;
    private final long[] lag;
    private final long[] latency;
    private final OpenLoopLoad.Outcome[] outcomes;
    private final long[] sortedLatency;
    private final long[] sortedLag;

    LoadRun(String label, double rate, long[] due, long[] lag, long[] latency, OpenLoopLoad.Outcome[] outcomes) {
        this.label = label;
        this.rate = rate;
        this.due = due;
        this.lag = lag;
        this.latency = latency;
        this.outcomes = outcomes;
        this.sortedLatency = latency.clone();
        Arrays.sort(sortedLatency);
        this.sortedLag = lag.clone();
        Arrays.sort(sortedLag);
    }

    String label() {
        return label;
    }

    double rate() {
        return rate;
    }

    int requests() {
        return latency.length;
    }

    long due(int i) {
        return due[i];
    }

    OpenLoopLoad.Outcome outcome(int i) {
        return outcomes[i];
    }

    /** Latency percentile in ms (nearest rank). */
    double percentileMs(double p) {
        return nearestRank(sortedLatency, p) / 1e6;
    }

    double maxMs() {
        return sortedLatency.length == 0 ? 0 : sortedLatency[sortedLatency.length - 1] / 1e6;
    }

    double maxLagMs() {
        return sortedLag.length == 0 ? 0 : sortedLag[sortedLag.length - 1] / 1e6;
    }

    double p99LagMs() {
        return nearestRank(sortedLag, 99) / 1e6;
    }

    /** The rate the generator actually achieved, from the first send to the last. */
    double achievedRate() {
        int n = due.length;
        if (n < 2) {
            return rate;
        }
        double seconds = ((due[n - 1] + lag[n - 1]) - (due[0] + lag[0])) / 1e9;
        return (n - 1) / seconds;
    }

    long count(OpenLoopLoad.Outcome outcome) {
        return Arrays.stream(outcomes).filter(o -> o == outcome).count();
    }

    /** Not a 200 in time: non-200, timeouts and failed connections. */
    long errors() {
        return count(OpenLoopLoad.Outcome.NON_200) + count(OpenLoopLoad.Outcome.TIMEOUT) + count(OpenLoopLoad.Outcome.FAILED);
    }

    /** Acknowledged after Slack's 3 s deadline, when Slack would have shown the user an error. */
    long overSlackDeadline() {
        return Arrays.stream(latency).filter(l -> l > 3_000_000_000L).count();
    }

    /** One CSV row per request: label, rate, i, due offset from the first, lag, latency (ms), outcome. */
    void writeCsv(Writer out) throws IOException {
        for (int i = 0; i < latency.length; i++) {
            out.write(String.format("%s,%.0f,%d,%.3f,%.3f,%.3f,%s%n", label, rate, i, (due[i] - due[0]) / 1e6, lag[i] / 1e6,
                    latency[i] / 1e6, outcomes[i]));
        }
    }

    private static long nearestRank(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
