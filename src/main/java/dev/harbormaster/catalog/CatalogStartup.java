package dev.harbormaster.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.harbormaster.slack.SlackConnection;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fills the catalog at start: every descriptor under {@code HARBORMASTER_CATALOG_DIR} that changed since the last
 * import (by any replica), in the background, or, in the sandbox with no directory configured, the demo catalog when
 * the catalog is still empty. Each file is its own transaction, so one bad file is reported and the others still
 * load. Changes made in chat since are kept (see {@link ChatEdits}).
 */
@ApplicationScoped
public class CatalogStartup {

    static final String DEMO_LOCATION = "demo-catalog/location.yaml";
    /** The advisory lock key of the start-up import (an arbitrary constant, "hm-catalog" in ASCII). */
    private static final long STARTUP_IMPORT_LOCK = 0x686d2d636174616cL;
    private static final Logger LOG = Logger.getLogger(CatalogStartup.class);

    @Inject
    CatalogSettings settings;
    @Inject
    SlackConnection connection;
    @Inject
    CatalogImport catalogImport;
    @Inject
    ServiceRepository services;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    ImportedFiles importedFiles;
    @Inject
    CatalogImportProgress progress;

    /**
     * The folder is imported in the background, so the bot is ready at once whatever the folder's size (answers say
     * that the import is under way, {@link CatalogImportProgress}); the demo catalog, a few entities, at once.
     */
    void onStart(@Observes StartupEvent start) throws SQLException {
        if (settings.importDir().isPresent()) {
            progress.started();
            Path folder = Path.of(settings.importDir().get());
            Thread importing = new Thread(() -> importInBackground(folder), "catalog-import");
            importing.setDaemon(true);
            importing.start();
            return;
        }
        try {
            if (connection.sandbox() && settings.demo()) {
                underStartupLock(() -> {
                    if (services.count() == 0) {
                        importDemo();
                    }
                });
            }
        } finally {
            progress.ended();
        }
    }

    private void importInBackground(Path folder) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            underStartupLock(() -> importDirectory(folder));
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Catalog import from %s stopped: %s", folder, e.getMessage());
        } finally {
            requestContext.terminate();
            progress.ended();
        }
    }

    /**
     * Replicas starting together on one database import one after the other (a PostgreSQL advisory lock held on a
     * connection of its own): otherwise both would see an empty catalog, insert the same entities, and the loser's
     * import would fail on a unique key. The second finds the files imported and skips them.
     */
    private void underStartupLock(Runnable work) throws SQLException {
        try (Connection lock = dataSource.getConnection(); Statement statement = lock.createStatement()) {
            statement.execute("select pg_advisory_lock(" + STARTUP_IMPORT_LOCK + ")");
            try {
                work.run();
            } finally {
                statement.execute("select pg_advisory_unlock(" + STARTUP_IMPORT_LOCK + ")");
            }
        }
    }

    /** Imports every *.yaml and *.yml under {@code directory}, each file atomically; logs a summary. */
    public List<ImportReport> importDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            LOG.errorf("HARBORMASTER_CATALOG_DIR %s is not a directory: nothing imported", directory);
            return List.of();
        }
        long began = System.nanoTime();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + directory, e);
        }
        progress.folderListed(files.size());
        List<ImportReport> reports = new ArrayList<>();
        Map<String, String> imported = importedFiles.digests();
        int unchangedFiles = 0;
        for (Path file : files) {
            progress.fileRead();
            String name = directory.relativize(file).toString();
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String digest = ChatEdits.digest(text);
                if (digest.equals(imported.get(name))) {
                    unchangedFiles++;
                } else {
                    reports.add(catalogImport.importFolderFile(name, text, digest));
                }
            } catch (IOException e) {
                LOG.errorf("Could not read catalog file %s: %s", name, e.getMessage());
            }
        }
        logSummary(directory.toString(), reports, unchangedFiles, began);
        return reports;
    }

    /** The demo catalog is listed by a Backstage Location, since a classpath folder cannot be listed inside a jar. */
    void importDemo() {
        long began = System.nanoTime();
        List<ImportReport> reports = new ArrayList<>();
        for (String target : demoTargets()) {
            String path = "demo-catalog/" + target.replaceFirst("^\\./", "");
            String text = classpathText(path);
            reports.add(catalogImport.importFolderFile(path, text, ChatEdits.digest(text)));
        }
        logSummary("the demo catalog", reports, 0, began);
    }

    static List<String> demoTargets() {
        try {
            JsonNode location = new YAMLMapper().readTree(classpathText(DEMO_LOCATION));
            List<String> targets = new ArrayList<>();
            location.path("spec").path("targets").forEach(t -> targets.add(t.asText()));
            return targets;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + DEMO_LOCATION, e);
        }
    }

    static String classpathText(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path, e);
        }
    }

    private static void logSummary(String from, List<ImportReport> reports, int unchangedFiles, long beganNanos) {
        int created = 0;
        int updated = 0;
        int skipped = 0;
        int rejected = 0;
        for (ImportReport report : reports) {
            created += report.createdCount();
            updated += report.updatedCount();
            skipped += report.skippedCount();
            if (!report.imported()) {
                rejected++;
                report.problems().forEach(problem -> LOG.warnf("Catalog import: %s", problem));
            }
            report.warnings().forEach(warning -> LOG.infof("Catalog import, worth a look: %s", warning));
            report.conflicts().forEach(conflict -> LOG.warnf("Catalog import kept a change made in chat: %s", conflict));
        }
        LOG.infof("Catalog import from %s: %d files read, %d unchanged since the last import and skipped, %d entities "
                + "created, %d updated, %d documents of other kinds skipped, %d files rejected, in %.1f s", from, reports.size(),
                unchangedFiles, created, updated, skipped, rejected, (System.nanoTime() - beganNanos) / 1e9);
    }
}
