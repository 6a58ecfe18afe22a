package dev.harbormaster.addon.broker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A second PostgreSQL 17 where the reference broker creates its databases, set up as a careful production
 * server would be and as an auditor would read it: every statement in the server log ({@code log_statement=all},
 * collected to a file a test can read) and password logins checked with SCRAM-SHA-256 for everyone but the
 * admin. (The shared test server trusts every loopback login, so a password that does not work would pass
 * there.)
 */
public class AuditedPostgresResource implements QuarkusTestResourceLifecycleManager {

    static final String LOG_FILE = "server.log";

    private static EmbeddedPostgres postgres;
    private static Path logDirectory;

    @Override
    public synchronized Map<String, String> start() {
        if (postgres == null) {
            try {
                logDirectory = Files.createTempDirectory("audited-postgres-log");
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("log_statement", "all")
                        .setServerConfig("logging_collector", "on")
                        .setServerConfig("log_directory", logDirectory.toString())
                        .setServerConfig("log_filename", LOG_FILE)
                        .setServerConfig("password_encryption", "scram-sha-256")
                        .setDataDirectoryCustomizer(data -> writeHba(data.toPath()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the audited PostgreSQL", e);
            }
        }
        return Map.of(
                "harbormaster.osb-broker.admin-jdbc-url", adminJdbcUrl(),
                "harbormaster.osb-broker.admin-username", "postgres",
                "harbormaster.osb-broker.admin-password", "");
    }

    static String adminJdbcUrl() {
        return urlOf("postgres");
    }

    static String urlOf(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    static String serverLog() {
        try {
            Path file = logDirectory.resolve(LOG_FILE);
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The admin logs in without a password (like a local superuser); every other role must prove its password. */
    private static void writeHba(Path data) {
        try {
            Files.writeString(data.resolve("pg_hba.conf"), """
                    local all all             trust
                    host  all postgres 127.0.0.1/32 trust
                    host  all all      127.0.0.1/32 scram-sha-256
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void stop() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException ignored) {
            // the temporary data directory goes with the JVM
        } finally {
            postgres = null;
        }
    }
}
