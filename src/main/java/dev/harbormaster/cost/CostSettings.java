package dev.harbormaster.cost;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Where cost comes from (each source optional) and how often it is read. */
@ConfigMapping(prefix = "harbormaster.cost")
public interface CostSettings {

    /** HARBORMASTER_COST_FOCUS_DIR: a folder of FOCUS 1.2 CSV exports ({@code *.csv}); unset: no FOCUS source. */
    Optional<String> focusDir();

    /** HARBORMASTER_COST_OPENCOST_URL: OpenCost's API base, e.g. {@code http://opencost.opencost:9003}; unset: none. */
    Optional<String> opencostUrl();

    /** HARBORMASTER_COST_OPENCOST_CURRENCY: the currency OpenCost's prices are in. */
    @WithDefault("USD")
    String opencostCurrency();

    /** How long one OpenCost call may take before the poll gives up (nothing is written then). */
    @WithDefault("20s")
    Duration opencostTimeout();

    /** How many past days (UTC, today included) each OpenCost poll reads again. */
    @WithDefault("3")
    int opencostDays();

    /** HARBORMASTER_COST_POLL_EVERY: how often the clustered job reads the sources again ({@code off}: never). */
    @WithDefault("1h")
    String pollEvery();

    /** Whether sources are read once in the background at start-up (tests read when they choose to). */
    @WithDefault("true")
    boolean readAtStart();

    /** HARBORMASTER_COST_DEMO_DIR: where the sandbox writes its generated FOCUS file. */
    @WithDefault("${harbormaster.data-dir:.harbormaster}/cost-demo")
    String demoDir();
}
