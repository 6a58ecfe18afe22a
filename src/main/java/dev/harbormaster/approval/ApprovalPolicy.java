package dev.harbormaster.approval;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One file of {@code approvals/}: which actions it covers, who must approve them ({@code require}), and
 * which of them are refused from chat altogether ({@code deny}); approvals/README.md describes each field.
 *
 * @param source        where it was read from, e.g. {@code approvals/ownership-changes.yaml}
 * @param environments  empty means any; otherwise the target must have one of these
 * @param tiers         empty means any; otherwise the target must have one of these
 * @param teams         empty means any; otherwise the target's owning team must be one of these
 * @param expiresAfter  empty means the default from configuration
 * @param deny          rules that refuse the action outright for some targets; a deny wins over everything
 * @param channel       where approvers are asked; empty means the owning team's channel
 */
public record ApprovalPolicy(String name, String source, Set<String> actions, Set<String> environments,
                             Set<Integer> tiers, Set<String> teams, List<Requirement> require, boolean selfApproval,
                             Optional<Duration> expiresAfter, boolean reasonRequired, List<DenyRule> deny,
                             boolean breakGlass, Optional<String> channel) {

    public ApprovalPolicy {
        actions = Set.copyOf(actions);
        environments = Set.copyOf(environments);
        tiers = Set.copyOf(tiers);
        teams = Set.copyOf(teams);
        require = List.copyOf(require);
        deny = List.copyOf(deny);
    }

    /** A {@code deny} entry: targets it narrows to (empty means any) and what to tell the requester. */
    public record DenyRule(Set<String> environments, Set<Integer> tiers, Set<String> teams, String message) {
        public DenyRule {
            environments = Set.copyOf(environments);
            tiers = Set.copyOf(tiers);
            teams = Set.copyOf(teams);
        }

        boolean matches(ActionTarget target) {
            return narrows(environments, target.environment()) && narrows(tiers, target.tier())
                    && narrows(teams, target.owningTeam());
        }
    }

    /** The message of the first deny rule that applies to this target. */
    public Optional<String> denial(ActionTarget target) {
        return deny.stream().filter(rule -> rule.matches(target)).map(DenyRule::message).findFirst();
    }

    public boolean matches(String action, ActionTarget target) {
        return actions.contains(action) && narrows(environments, target.environment()) && narrows(tiers, target.tier())
                && narrows(teams, target.owningTeam());
    }

    /** An empty list allows anything; otherwise the value must be given and listed. */
    private static <T> boolean narrows(Set<T> allowed, T value) {
        return allowed.isEmpty() || value != null && allowed.contains(value);
    }
}
