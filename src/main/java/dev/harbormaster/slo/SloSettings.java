package dev.harbormaster.slo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Where SLOs are measured, and how fast-burn alerts behave. */
@ConfigMapping(prefix = "harbormaster.slo")
public interface SloSettings {

    /** HARBORMASTER_SLO_PROMETHEUS_URL: base URL of the Prometheus HTTP API, e.g. http://prometheus:9090 (unset: not measured). */
    Optional<String> prometheusUrl();

    /** HARBORMASTER_SLO_PROMETHEUS_TIMEOUT: how long one query may take before the figure is shown as unavailable. */
    @WithDefault("5s")
    Duration prometheusTimeout();

    /** HARBORMASTER_SLO_BURN_CHECK_EVERY: how often the fast-burn check runs (read by {@link SloBurnJob}); "off" turns it off. */
    @WithDefault("1m")
    String burnCheckEvery();

    /**
     * HARBORMASTER_SLO_BURN_QUIET_FOR: a burn episode ends once the fast-burn condition has been false this long;
     * a shorter gap is the same episode, so a flapping burn does not page again.
     */
    @WithDefault("30m")
    Duration burnQuietFor();
}
