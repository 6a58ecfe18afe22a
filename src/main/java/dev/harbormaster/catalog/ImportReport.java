package dev.harbormaster.catalog;

import java.util.List;
import java.util.Map;

/**
 * What one import request did: counts per kind, documents skipped per kind, and every problem. When
 * {@link #problems()} is not empty nothing was written.
 *
 * @param created  entities created, per kind (Component, Group, User, System)
 * @param updated  entities that existed and were updated, per kind
 * @param unchanged entities whose descriptor is the one already imported, per kind (left as they are)
 * @param warnings  what was imported but looks wrong (an owner no team answers to, an unusual lifecycle)
 * @param conflicts mrkdwn lines: where the file disagrees with a change made in chat, which was kept
 */
public record ImportReport(String source, boolean imported, Map<String, Integer> created,
                           Map<String, Integer> updated, Map<String, Integer> unchanged, Map<String, Integer> skipped,
                           List<String> problems, List<String> warnings, List<String> conflicts) {

    public ImportReport {
        created = Map.copyOf(created);
        updated = Map.copyOf(updated);
        unchanged = Map.copyOf(unchanged);
        skipped = Map.copyOf(skipped);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        conflicts = List.copyOf(conflicts);
    }

    static ImportReport rejected(BackstageFile file) {
        return new ImportReport(file.file(), false, Map.of(), Map.of(), Map.of(), file.skipped(), file.problems(),
                file.warnings(), List.of());
    }

    public int createdCount() {
        return created.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int updatedCount() {
        return updated.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int skippedCount() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }
}
