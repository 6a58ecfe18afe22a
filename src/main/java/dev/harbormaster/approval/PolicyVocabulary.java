package dev.harbormaster.approval;

import java.util.Set;

/**
 * The words a policy may use, known at start-up: the gated actions features offer and the environments the
 * platform has ({@code HARBORMASTER_ENVIRONMENTS}). A policy naming anything else would never apply, so it stops
 * the start-up instead (teams are checked against the catalog once it is loaded, see {@link PolicyTeamCheck}).
 */
public record PolicyVocabulary(Set<String> actions, Set<String> environments) {

    public PolicyVocabulary {
        actions = Set.copyOf(actions);
        environments = Set.copyOf(environments);
    }
}
