package dev.harbormaster.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The request counters the SLO tests backfill into Prometheus, and the ratios computed from them by hand.
 * {@code http_requests_total} of payments-api, codes 200 and 500: 1,000 requests a minute for 30 days and an hour,
 * one in every fifth minute a 500 (0.02 %, a slow and affordable spend of a 99.95 % budget), then for the last hour
 * 20 of every 1,000 a 500 (2 %: 40 times the budget rate, a fast burn). Samples every 5 minutes, every minute in the
 * last 7 hours so that 5m windows hold several. Both counters start at 1,000,000 so that rate() never extrapolates
 * them towards zero.
 */
final class BackfilledRequests {

    static final String SERVICE = "payments-api";
    private static final long START_VALUE = 1_000_000;

    /** One sample of both series. */
    record Sample(long epochSecond, long good, long bad) {
    }

    final Instant end;
    final List<Sample> samples = new ArrayList<>();

    /** Data ending at {@code end} (a whole 5 minutes). */
    BackfilledRequests(Instant end) {
        this.end = end;
        long last = end.getEpochSecond();
        long fine = last - Duration.ofHours(7).toSeconds();
        long burnFrom = last - Duration.ofHours(1).toSeconds();
        long good = START_VALUE;
        long bad = START_VALUE;
        for (long t = last - Duration.ofDays(30).plusHours(1).toSeconds(); t <= last; ) {
            samples.add(new Sample(t, good, bad));
            long step = t < fine ? 300 : 60;
            for (long minute = t; minute < t + step; minute += 60) {
                if (minute >= burnFrom) {
                    good += 980;
                    bad += 20;
                } else if ((minute / 60) % 5 == 0) {
                    good += 999;
                    bad += 1;
                } else {
                    good += 1000;
                }
            }
            t += step;
        }
    }

    /** Data ending an hour before now: a bot checking burns at the real time finds no recent data, so stays quiet. */
    static BackfilledRequests endingBeforeNow() {
        long now = Instant.now().getEpochSecond();
        return new BackfilledRequests(Instant.ofEpochSecond(now / 300 * 300 - 3600));
    }

    /** When the tests measure: 30 s after the last sample, so no window starts exactly on a sample. */
    Instant measuredAt() {
        return end.plusSeconds(30);
    }

    /**
     * Good/total as Prometheus's rate() gives it over {@code window} ending at {@code at}: both series have the same
     * sample times, so rate()'s extrapolation scales good and total alike and the ratio is the counters' increase
     * between the first and last sample inside the window.
     */
    double goodRatio(Duration window, Instant at) {
        Sample first = null;
        Sample last = null;
        for (Sample sample : samples) {
            if (sample.epochSecond() > at.getEpochSecond() - window.toSeconds() && sample.epochSecond() <= at.getEpochSecond()) {
                if (first == null) {
                    first = sample;
                }
                last = sample;
            }
        }
        if (first == null || first == last) {
            throw new IllegalArgumentException("no two samples in the window");
        }
        double good = last.good() - first.good();
        double bad = last.bad() - first.bad();
        return good / (good + bad);
    }

    /** The OpenMetrics text promtool turns into blocks. */
    String openMetrics() {
        StringBuilder text = new StringBuilder(samples.size() * 2 * 90);
        text.append("# HELP http_requests Requests served.\n# TYPE http_requests counter\n");
        for (Sample sample : samples) {
            text.append("http_requests_total{code=\"200\",service=\"").append(SERVICE).append("\"} ").append(sample.good())
                    .append(' ').append(sample.epochSecond()).append('\n');
        }
        for (Sample sample : samples) {
            text.append("http_requests_total{code=\"500\",service=\"").append(SERVICE).append("\"} ").append(sample.bad())
                    .append(' ').append(sample.epochSecond()).append('\n');
        }
        return text.append("# EOF\n").toString();
    }
}
