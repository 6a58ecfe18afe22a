package dev.harbormaster.approval;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One file of {@code approvals/}: which actions it covers, who may ask for them ({@code requesters}), who must
 * approve them ({@code require}), and which of them are refused from chat altogether ({@code deny});
 * approvals/README.md describes each field.
 *
 * @param source         where it was read from, e.g. {@code approvals/ownership-changes.yaml}
 * @param environments   empty means any; otherwise the target must have one of these
 * @param tiers          empty means any; otherwise the target must have one of these
 * @param teams          empty means any; otherwise the target's owning team must be one of these
 * @param requesters     who may ask for a covered action; empty means the engine's default (owners and platform admins)
 * @param expiresAfter   empty means the default from configuration
 * @param deny           rules that refuse the action outright for some targets; a deny wins over everything
 * @param channel        where approvers are asked; empty means the owning team's channel
 * @param teamReferences every catalog team the file names, with where, so that a team missing from the catalog is
 *                       reported by file, line and field
 * @param severities     empty means any; otherwise the target's alert severity must be one of these, or unknown
 * @param longerThan     empty means any length; otherwise the target must last longer than this, or not say how long
 */
public record ApprovalPolicy(String name, String source, Set<String> actions, Set<String> environments,
                             Set<Integer> tiers, Set<String> teams, Optional<List<ApproverSet>> requesters,
                             List<Requirement> require, boolean selfApproval, Optional<Duration> expiresAfter,
                             boolean reasonRequired, List<DenyRule> deny, boolean breakGlass, Optional<String> channel,
                             List<TeamReference> teamReferences, Set<String> severities, Optional<Duration> longerThan) {

    /** A policy without {@code match.severities} or {@code match.longer_than}. */
    public ApprovalPolicy(String name, String source, Set<String> actions, Set<String> environments,
                          Set<Integer> tiers, Set<String> teams, Optional<List<ApproverSet>> requesters,
                          List<Requirement> require, boolean selfApproval, Optional<Duration> expiresAfter,
                          boolean reasonRequired, List<DenyRule> deny, boolean breakGlass, Optional<String> channel,
                          List<TeamReference> teamReferences) {
        this(name, source, actions, environments, tiers, teams, requesters, require, selfApproval, expiresAfter,
                reasonRequired, deny, breakGlass, channel, teamReferences, Set.of(), Optional.empty());
    }

    public ApprovalPolicy {
        severities = Set.copyOf(severities);
        actions = Set.copyOf(actions);
        environments = Set.copyOf(environments);
        tiers = Set.copyOf(tiers);
        teams = Set.copyOf(teams);
        requesters = requesters.map(List::copyOf);
        require = List.copyOf(require);
        deny = List.copyOf(deny);
        teamReferences = List.copyOf(teamReferences);
    }

    /** A team named by a policy field, e.g. {@code match.teams[0]} on line 4. */
    public record TeamReference(String team, String field, int line) {
    }

    /** A {@code deny} entry: targets it narrows to (empty means any) and what to tell the requester. */
    public record DenyRule(Set<String> environments, Set<Integer> tiers, Set<String> teams, String message) {
        public DenyRule {
            environments = Set.copyOf(environments);
            tiers = Set.copyOf(tiers);
            teams = Set.copyOf(teams);
        }

        boolean matches(ActionTarget target) {
            return narrowsEnvironments(environments, target) && narrows(tiers, target.tier())
                    && narrows(teams, target.owningTeam());
        }
    }

    /** The message of the first deny rule that applies to this target. */
    public Optional<String> denial(ActionTarget target) {
        return deny.stream().filter(rule -> rule.matches(target)).map(DenyRule::message).findFirst();
    }

    public boolean matches(String action, ActionTarget target) {
        return actions.contains(action) && narrowsEnvironments(environments, target) && narrows(tiers, target.tier())
                && narrows(teams, target.owningTeam()) && narrowsSeverity(target.severity())
                && longerThan.map(limit -> target.duration() == null || target.duration().compareTo(limit) > 0).orElse(true);
    }

    /** Fails closed: an action that does not know the severity it affects (a silence of every alert) may affect any. */
    private boolean narrowsSeverity(String severity) {
        return severities.isEmpty() || severity == null || severities.contains(severity.toLowerCase(java.util.Locale.ROOT));
    }

    /** An empty list allows anything; otherwise the value must be given and listed. */
    private static <T> boolean narrows(Set<T> allowed, T value) {
        return allowed.isEmpty() || value != null && allowed.contains(value);
    }

    /** Any name the target goes by counts: a policy on {@code production} follows the workload, not its name. */
    private static boolean narrowsEnvironments(Set<String> allowed, ActionTarget target) {
        return allowed.isEmpty() || target.environments().stream().anyMatch(allowed::contains);
    }
}
