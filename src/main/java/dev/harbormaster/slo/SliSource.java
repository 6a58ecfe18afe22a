package dev.harbormaster.slo;

import dev.harbormaster.catalog.Slo;

import java.time.Duration;
import java.time.Instant;

/** Where an SLO's good/total ratios come from: Prometheus, or the sandbox's demo figures. */
interface SliSource {

    /** The weekly series: this many weeks, each a 7-day ratio, the last one ending at the time asked. */
    int WEEKS = 8;
    Duration WEEK = Duration.ofDays(7);

    /** {@link SloStatus#PROMETHEUS} or {@link SloStatus#DEMO}. */
    String name();

    /** Good/total over {@code range} (a Prometheus duration such as {@code 1h}) ending at {@code at}. */
    PrometheusClient.Reading ratio(String service, Slo slo, String range, Instant at);

    /** {@link #WEEKS} weekly ratios, oldest first, the last ending at {@code at}. */
    PrometheusClient.Series weekly(String service, Slo slo, Instant at);
}
