package dev.harbormaster.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a submitted edit form would change, sorted by who must agree: description, links and environment sizing are
 * saved at once; the owner changes only through {@code service transfer}; tier, lifecycle and where environments
 * run change only through the gated {@code service edit}.
 *
 * @param details the free fields' new values
 */
public record ServiceEdit(String service, Details detailsBefore, Details details, String ownerBefore, String owner,
                          ProtectedSettings settingsBefore, ProtectedSettings settings) {

    /** The fields anyone allowed to edit the service may change without approval. */
    public record Details(String description, String repoUrl, String runbookUrl) {
        static Details of(Service service) {
            return new Details(service.description, service.repoUrl, service.runbookUrl);
        }
    }

    static ServiceEdit of(Service service, Details details, String owner, ProtectedSettings settings) {
        return new ServiceEdit(service.name, Details.of(service), details, service.ownerTeam, owner,
                ProtectedSettings.of(service), settings);
    }

    /** Human names of the free fields that change, e.g. {@code [description, runbook URL]}. */
    public List<String> changedDetails() {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(detailsBefore.description(), details.description())) {
            changed.add("description");
        }
        if (!Objects.equals(detailsBefore.repoUrl(), details.repoUrl())) {
            changed.add("repository URL");
        }
        if (!Objects.equals(detailsBefore.runbookUrl(), details.runbookUrl())) {
            changed.add("runbook URL");
        }
        if (settings.differsOnlyInSizing(settingsBefore)) {
            changed.add("environment sizing");
        }
        return changed;
    }

    public boolean ownerChanges() {
        return owner != null && !owner.equals(ownerBefore);
    }

    /** Tier, lifecycle or an environment's name or place changes: that needs the gated {@code service edit}. */
    public boolean protectedSettingsChange() {
        return settings.differsInWhatPoliciesSee(settingsBefore);
    }

    public boolean changesNothing() {
        return changedDetails().isEmpty() && !ownerChanges() && !protectedSettingsChange();
    }
}
