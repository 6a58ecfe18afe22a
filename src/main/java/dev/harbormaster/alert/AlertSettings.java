package dev.harbormaster.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Alertmanager receiver: who may post to it, which Alertmanagers silences go back to, and how alerts are routed. */
@ConfigMapping(prefix = "harbormaster.alerts")
public interface AlertSettings {

    /** HARBORMASTER_ALERTS_TOKEN: the bearer token Alertmanager sends ({@code http_config.authorization}). */
    Optional<String> token();

    /** Basic auth instead of (or besides) the token: {@code http_config.basic_auth}. */
    Optional<String> username();

    Optional<String> password();

    /**
     * The Alertmanagers that may send here, by a name of our choosing; a notification's {@code externalURL} says
     * which one sent it, and its silences go back there. Empty: the sandbox's stand-in, when there is a sandbox.
     */
    Map<String, Alertmanager> alertmanagers();

    /** HARBORMASTER_ALERTS_STORM_THRESHOLD: more new groups than this for one team within a minute are a storm. */
    @WithDefault("10")
    int stormThreshold();

    /** HARBORMASTER_ALERTS_ROUTING_LABELS: the labels that name a service, tried in this order. */
    @WithDefault("service,app.kubernetes.io/name,app,job,backstage_io_kubernetes_id")
    List<String> routingLabels();

    /** How long a call to Alertmanager's API may take before the person is told it did not answer. */
    @WithDefault("5s")
    Duration alertmanagerTimeout();

    interface Alertmanager {
        /** Its address as in its {@code --web.external-url} (what notifications carry as {@code externalURL}). */
        String url();

        /** Bearer token for its API, if it needs one. */
        Optional<String> token();

        Optional<String> username();

        Optional<String> password();
    }
}
