package dev.harbormaster.catalog;

import java.util.List;
import java.util.Map;

/**
 * One descriptor file (or pasted YAML) after reading and validation.
 *
 * @param skipped  documents of kinds the catalog does not keep (Location, API, …), counted per kind
 * @param problems every problem found, each naming the file, the document and the field; when not
 *                 empty nothing from the file may be written
 * @param warnings what is odd but importable (an unusual lifecycle, a name Kubernetes would refuse)
 */
public record BackstageFile(String file, List<BackstageEntity> entities, Map<String, Integer> skipped,
                            List<String> problems, List<String> warnings) {

    public BackstageFile {
        entities = List.copyOf(entities);
        skipped = Map.copyOf(skipped);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
