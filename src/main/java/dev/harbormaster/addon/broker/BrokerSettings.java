package dev.harbormaster.addon.broker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** The reference Open Service Broker served at {@code /osb}: whether it is on, its credentials, where it creates databases. */
@ConfigMapping(prefix = "harbormaster.osb-broker")
public interface BrokerSettings {

    /** HARBORMASTER_OSB_BROKER_ENABLED: unset follows the run mode (on in the sandbox, off with real Slack). */
    Optional<Boolean> enabled();

    /** HARBORMASTER_OSB_BROKER_USERNAME: basic-auth user platforms use to call the broker. */
    @WithDefault("harbormaster")
    String username();

    /** HARBORMASTER_OSB_BROKER_PASSWORD: basic-auth password; in the sandbox a random one is made when unset. */
    Optional<String> password();

    /** HARBORMASTER_OSB_BROKER_ADMIN_JDBC_URL: the PostgreSQL where databases are created (default: Harbormaster's own). */
    @WithDefault("${quarkus.datasource.jdbc.url}")
    String adminJdbcUrl();

    /** HARBORMASTER_OSB_BROKER_ADMIN_USERNAME: a role with CREATEDB and CREATEROLE on that server. */
    @WithDefault("${quarkus.datasource.username:postgres}")
    String adminUsername();

    /** HARBORMASTER_OSB_BROKER_ADMIN_PASSWORD */
    @WithDefault("${quarkus.datasource.password:}")
    Optional<String> adminPassword();

    /**
     * HARBORMASTER_OSB_BROKER_CREDENTIALS_KEY: the secret binding passwords are derived from (at least 32
     * characters, from a Kubernetes Secret). Required when the broker is on with a real Slack token.
     */
    Optional<String> credentialsKey();

    /** HARBORMASTER_OSB_BROKER_CREDENTIALS_KEY_FILE: where the sandbox keeps a generated key when none is set. */
    @WithDefault("${harbormaster.data-dir:.harbormaster}/osb-broker-credentials.key")
    Path credentialsKeyFile();
}
