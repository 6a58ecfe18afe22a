package dev.harbormaster;

import dev.harbormaster.audit.AuditKeyFile;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigValidationException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the embedded default: with no datasource URL configured, a real PostgreSQL 17 (zonky binaries)
 * runs from {@code HARBORMASTER_DATA_DIR}, starting beside Quarkus's boot ({@link EmbeddedDatabase}), so the first run needs
 * no setup and a restart keeps the catalog. Its audit key is generated there too on first start (unless one is configured);
 * with an external database the key must come from configuration, shared by every replica.
 */
@QuarkusMain
public class HarbormasterMain {

    private static final Logger LOG = Logger.getLogger(HarbormasterMain.class);

    public static void main(String... args) throws IOException {
        if (externalDatabaseConfigured()) {
            Quarkus.run(args);
            return;
        }
        Path dataDir = Path.of(firstNonBlank(System.getenv("HARBORMASTER_DATA_DIR"),
                System.getProperty("harbormaster.data-dir"), ".harbormaster"));
        Files.createDirectories(dataDir);
        AtomicInteger exitCode = new AtomicInteger();
        if (firstNonBlank(System.getenv("HARBORMASTER_AUDIT_KEY"), System.getProperty("harbormaster.audit.key"),
                System.getenv("HARBORMASTER_AUDIT_KEY_FILE"), System.getProperty("harbormaster.audit.key-file")).isEmpty()) {
            Path keyFile = AuditKeyFile.ensure(dataDir);
            System.setProperty("harbormaster.audit.key-file", keyFile.toString());
            LOG.infof("Audit key: %s (set HARBORMASTER_AUDIT_KEY to use another)", keyFile.toAbsolutePath());
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.startInBackground(dataDir, firstNonBlank(
                System.getenv("HARBORMASTER_EMBEDDED_POSTGRES_PORT"), System.getProperty("harbormaster.embedded-postgres.port")))) {
            System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
            System.setProperty("quarkus.datasource.username", "postgres");
            System.setProperty("quarkus.datasource.password", "postgres");
            // Quarkus's default exit handler calls System.exit, which on SIGTERM never returns here: the server would
            // be stopped only by the shutdown hook's time-out. This one lets Quarkus stop, then the server, then exit.
            Quarkus.run(null, (code, failure) -> {
                exitCode.set(code);
                reportFailedStart(failure);
            }, args);
        }
        System.exit(exitCode.get());
    }

    /** What Quarkus's own exit handler would have said: given a handler, Quarkus leaves a failed start unreported. */
    private static void reportFailedStart(Throwable failure) {
        if (failure == null) {
            return;
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConfigurationException || root instanceof ConfigValidationException) {
            System.err.println(root.getMessage());
        } else {
            LOG.error("Failed to start application", failure);
        }
    }

    private static boolean externalDatabaseConfigured() {
        return !firstNonBlank(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"),
                System.getProperty("quarkus.datasource.jdbc.url"), "").isEmpty();
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }
}
