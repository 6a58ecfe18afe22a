package dev.harbormaster.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Real PostgreSQL 17 (zonky binaries, the engine production runs) for every {@code @QuarkusTest}.
 * One server per test JVM; each Quarkus restart gets the same database, which Flyway has migrated.
 * Like any external database it comes with the audit key its audit log is keyed with, the same for every
 * Quarkus start, as replicas sharing a database share the key.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    /** The tests' {@code HARBORMASTER_AUDIT_KEY}. */
    public static final String AUDIT_KEY = "test-audit-key-shared-by-every-quarkus-test-0123456789";

    private static EmbeddedPostgres postgres;

    public static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary data directory goes with it
                }
            }));
        }
        return postgres;
    }

    public static String jdbcUrl() {
        return server().getJdbcUrl("postgres", "postgres");
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "harbormaster.audit.key", AUDIT_KEY);
    }

    @Override
    public void stop() {
        // kept for the next Quarkus restart in this JVM; closed by the shutdown hook
    }
}
