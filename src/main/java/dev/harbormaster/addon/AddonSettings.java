package dev.harbormaster.addon;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The brokers Harbormaster is the Open Service Broker platform for, and how patiently it talks to them.
 * Brokers are a map: {@code harbormaster.addons.brokers.<name>.url=...} (env
 * {@code HARBORMASTER_ADDONS_BROKERS__<NAME>__URL} or a mounted config/application.properties).
 */
@ConfigMapping(prefix = "harbormaster.addons")
public interface AddonSettings {

    /** Brokers by name; the name appears in the marketplace. */
    Map<String, BrokerConnection> brokers();

    /**
     * HARBORMASTER_ADDONS_REFERENCE_BROKER: register the reference broker served at {@code /osb} as broker
     * {@code reference}; unset: whenever that broker is on (the sandbox and tests).
     */
    Optional<Boolean> referenceBroker();

    /** HARBORMASTER_ADDONS_CONNECT_TIMEOUT */
    @WithDefault("5s")
    Duration connectTimeout();

    /** HARBORMASTER_ADDONS_REQUEST_TIMEOUT: a broker that has not answered by then counts as a timeout (orphan mitigation follows). */
    @WithDefault("60s")
    Duration requestTimeout();

    /** HARBORMASTER_ADDONS_POLL_TIMEOUT: how long to poll an asynchronous operation when the plan sets no maximum_polling_duration. */
    @WithDefault("60m")
    Duration pollTimeout();

    /** HARBORMASTER_ADDONS_MAX_POLL_INTERVAL: polls back off from 1 s to this, unless the broker sends Retry-After. */
    @WithDefault("30s")
    Duration maxPollInterval();

    /** HARBORMASTER_ADDONS_CATALOG_REFRESH_EVERY: how often every broker's catalog is fetched again (clustered Quartz job). */
    @WithDefault("15m")
    String catalogRefreshEvery();

    /** HARBORMASTER_ADDONS_WORKER_EVERY: how often a replica looks for add-on steps that are due (provision, polls, bind…). */
    @WithDefault("2s")
    String workerEvery();

    /** One broker: its base URL (without {@code /v2}) and either basic-auth credentials or a bearer token. */
    interface BrokerConnection {
        String url();

        Optional<String> username();

        Optional<String> password();

        Optional<String> token();
    }
}
