package dev.harbormaster.approval;

import java.util.Set;

/**
 * The words a policy may use, known at start-up: the gated actions features offer and the environments the
 * platform has ({@code HARBORMASTER_ENVIRONMENTS}). A policy naming anything else would never apply, so it stops
 * the start-up instead (teams are checked against the catalog once it is loaded, see {@link PolicyTeamCheck}).
 */
public record PolicyVocabulary(Set<String> actions, Set<String> environments, Set<String> severities) {

    /** The alert severities policies may name: those Prometheus rules commonly use. */
    public static final Set<String> SEVERITIES = Set.of("critical", "high", "error", "warning", "medium", "low", "info", "page", "none");

    public PolicyVocabulary {
        actions = Set.copyOf(actions);
        environments = Set.copyOf(environments);
        severities = Set.copyOf(severities);
    }

    public PolicyVocabulary(Set<String> actions, Set<String> environments) {
        this(actions, environments, SEVERITIES);
    }
}
