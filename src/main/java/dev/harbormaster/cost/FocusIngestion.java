package dev.harbormaster.cost;

import dev.harbormaster.catalog.Catalog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads FOCUS CSV files into the cost tables. A file is the unit: its name is its source ({@code focus:<name>}), and
 * reading it again (when its size or modification time changed) replaces everything it had given, in one transaction.
 * A file that cannot be read whole leaves what it had given before untouched.
 */
@ApplicationScoped
public class FocusIngestion {

    static final String KIND = "focus";
    private static final Logger LOG = Logger.getLogger(FocusIngestion.class);

    @Inject
    CostStore store;
    @Inject
    Catalog catalog;

    /** What reading one file did. */
    public record FileOutcome(Path file, boolean read, long rowsRead, long rowsSkipped, List<String> skipSamples, String error) {
    }

    /** Reads every {@code *.csv} in the folder that is new or changed since it was last read. */
    public List<FileOutcome> readFolder(Path folder) {
        List<FileOutcome> outcomes = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            LOG.warnf("Cost: the FOCUS folder %s does not exist or is not a folder", folder);
            return outcomes;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(file -> file.getFileName().toString().toLowerCase().endsWith(".csv"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            LOG.errorf("Cost: cannot list the FOCUS folder %s: %s", folder, e.getMessage());
            return outcomes;
        }
        // Mapping reads where every service runs: only when a file is actually read, not at every poll of a folder
        // that has not changed (a 50,000-service catalog is a 0.5 s query, which each poll would otherwise pay).
        CostMapping[] mapping = new CostMapping[1];
        Supplier<CostMapping> mappingOnce = () -> mapping[0] == null ? (mapping[0] = mapping()) : mapping[0];
        for (Path file : files) {
            outcomes.add(readIfChanged(file, mappingOnce));
        }
        return outcomes;
    }

    /** Reads a file when its size or modification time differs from the last read. */
    private FileOutcome readIfChanged(Path file, Supplier<CostMapping> mapping) {
        try {
            long size = Files.size(file);
            // PostgreSQL keeps microseconds; the file system may give nanoseconds.
            Instant modified = Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.MICROS);
            Optional<CostStore.SourceRead> last = store.lastRead(source(file));
            if (last.isPresent() && last.get().error() == null && Long.valueOf(size).equals(last.get().sizeBytes())
                    && modified.equals(last.get().modifiedAt())) {
                return new FileOutcome(file, false, last.get().rowsRead(), last.get().rowsSkipped(), List.of(), null);
            }
            return read(file, mapping.get(), size, modified);
        } catch (IOException e) {
            return failed(file, null, null, "cannot read it: " + e.getMessage());
        }
    }

    /** Reads a file now, whatever was read before. */
    public FileOutcome read(Path file) throws IOException {
        return read(file, mapping(), Files.size(file), Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.MICROS));
    }

    private FileOutcome read(Path file, CostMapping mapping, long size, Instant modified) {
        FocusReader.Result result;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            result = FocusReader.read(in, mapping);
        } catch (FocusReader.RefusedFileException e) {
            return failed(file, size, modified, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return failed(file, size, modified, "cannot read it: " + e.getMessage());
        }
        String source = source(file);
        var days = result.costs().days();
        QuarkusTransaction.requiringNew().run(() -> {
            store.replace(source, null, result.costs());
            store.recordRead(new CostStore.SourceRead(source, KIND, size, modified, Instant.now(), result.rowsRead(),
                    result.rowsSkipped(), days.isEmpty() ? null : days.first(), days.isEmpty() ? null : days.last(), null));
        });
        LOG.infof("Cost: read %s: %d line(s) used, %d skipped%s", file.getFileName(), result.rowsRead(), result.rowsSkipped(),
                result.skipSamples().isEmpty() ? "" : " (" + String.join("; ", result.skipSamples()) + ")");
        return new FileOutcome(file, true, result.rowsRead(), result.rowsSkipped(), result.skipSamples(), null);
    }

    private FileOutcome failed(Path file, Long size, Instant modified, String error) {
        LOG.warnf("Cost: FOCUS file %s not read: %s (what it gave before is kept)", file.getFileName(), error);
        // Only the failure is recorded: the sums the file gave before stay as they were.
        store.recordRead(new CostStore.SourceRead(source(file), KIND, size, modified, Instant.now(), 0, 0, null, null, error));
        return new FileOutcome(file, false, 0, 0, List.of(), error);
    }

    static String source(Path file) {
        return KIND + ":" + file.getFileName();
    }

    /** The catalog as it is now, for mapping cost lines to services. */
    public CostMapping mapping() {
        return QuarkusTransaction.requiringNew().call(() -> new CostMapping(catalog.servicePlacements(), catalog.teamNames()));
    }
}
