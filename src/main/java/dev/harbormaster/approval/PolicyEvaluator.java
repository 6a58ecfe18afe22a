package dev.harbormaster.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides what the policies say about an action, and whether the votes so far settle a request. Pure:
 * who belongs to which approver set is asked of a {@link Membership}. Every matching policy must be
 * satisfied; a deny wins over everything; a rejection by anyone entitled to vote wins over approvals.
 */
public final class PolicyEvaluator {

    private final List<ApprovalPolicy> policies;
    private final Duration defaultExpiry;

    public PolicyEvaluator(List<ApprovalPolicy> policies, Duration defaultExpiry) {
        this.policies = List.copyOf(policies);
        this.defaultExpiry = defaultExpiry;
    }

    public List<ApprovalPolicy> policies() {
        return policies;
    }

    public List<ApprovalPolicy> matching(String action, ActionTarget target) {
        return policies.stream().filter(p -> p.matches(action, target)).toList();
    }

    /** What happens when someone asks for an action: the answer before anyone votes. */
    public sealed interface Assessment {
        /** No policy matches: it runs at once. */
        record Unrestricted() implements Assessment {
        }

        record Denied(ApprovalPolicy policy, String message) implements Assessment {
        }

        record ReasonNeeded(ApprovalPolicy policy) implements Assessment {
        }

        /** An emergency was declared but this matching policy does not allow break-glass. */
        record BreakGlassRefused(ApprovalPolicy policy) implements Assessment {
        }

        /** An emergency was declared and every matching policy allows break-glass: it runs at once, reviewed later. */
        record BreakGlass(List<ApprovalPolicy> policies) implements Assessment {
        }

        record ApprovalNeeded(List<ApprovalPolicy> policies, Instant expiresAt, Optional<String> channel) implements Assessment {
        }
    }

    public Assessment assess(String action, ActionTarget target, boolean reasonGiven, boolean emergency, Instant now) {
        List<ApprovalPolicy> matching = matching(action, target);
        if (matching.isEmpty()) {
            return new Assessment.Unrestricted();
        }
        for (ApprovalPolicy policy : matching) {
            Optional<String> denial = policy.denial(target);
            if (denial.isPresent()) {
                return new Assessment.Denied(policy, denial.get());
            }
        }
        if (matching.stream().allMatch(p -> p.require().isEmpty())) {
            // Policies that only say who may ask (requesters, checked before this) leave nobody to approve: it runs.
            return new Assessment.Unrestricted();
        }
        if (emergency) {
            return matching.stream().filter(p -> !p.breakGlass()).findFirst()
                    .<Assessment>map(Assessment.BreakGlassRefused::new)
                    .orElseGet(() -> new Assessment.BreakGlass(matching));
        }
        if (!reasonGiven) {
            Optional<ApprovalPolicy> needsReason = matching.stream().filter(ApprovalPolicy::reasonRequired).findFirst();
            if (needsReason.isPresent()) {
                return new Assessment.ReasonNeeded(needsReason.get());
            }
        }
        Duration expiry = matching.stream().map(p -> p.expiresAfter().orElse(defaultExpiry)).min(Duration::compareTo)
                .orElse(defaultExpiry);
        Optional<String> channel = matching.stream().map(ApprovalPolicy::channel).flatMap(Optional::stream).findFirst();
        return new Assessment.ApprovalNeeded(matching, now.plus(expiry), channel);
    }

    /**
     * Who may ask for an action, and whether this person is among them.
     *
     * @param who    the sets that would let them, for the answer to someone who is not
     * @param policy the policy whose {@code requesters} decided, empty when the default did
     */
    public record RequesterVerdict(boolean allowed, List<ApproverSet> who, Optional<ApprovalPolicy> policy) {
    }

    /**
     * Whether {@code requesterId} may ask for the action at all, before anyone approves it. Policies that set
     * {@code requesters} decide, every one of them (so one can widen what the default allows, and any can narrow it);
     * where none does, {@code defaults} do: the owning team and the platform admins.
     */
    public RequesterVerdict requester(List<ApprovalPolicy> matching, ActionTarget target, String requesterId,
                                      Membership membership, List<ApproverSet> defaults) {
        List<ApprovalPolicy> deciding = matching.stream().filter(p -> p.requesters().isPresent()).toList();
        if (deciding.isEmpty()) {
            return new RequesterVerdict(inAny(defaults, target, requesterId, membership), defaults, Optional.empty());
        }
        for (ApprovalPolicy policy : deciding) {
            List<ApproverSet> sets = policy.requesters().orElseThrow();
            if (!inAny(sets, target, requesterId, membership)) {
                return new RequesterVerdict(false, sets, Optional.of(policy));
            }
        }
        ApprovalPolicy first = deciding.get(0);
        return new RequesterVerdict(true, first.requesters().orElseThrow(), Optional.of(first));
    }

    private static boolean inAny(List<ApproverSet> sets, ActionTarget target, String userId, Membership membership) {
        return sets.stream().anyMatch(set -> set instanceof ApproverSet.Anyone || membership.contains(set, target, userId));
    }

    /** Whether a person may vote on a request at all. */
    public enum Eligibility { ELIGIBLE, OWN_REQUEST, NOT_AN_APPROVER }

    public Eligibility eligibility(List<ApprovalPolicy> matching, ActionTarget target, String requesterId, String voterId,
                                   Membership membership) {
        if (voterId.equals(requesterId) && matching.stream().anyMatch(p -> !p.selfApproval())) {
            return Eligibility.OWN_REQUEST;
        }
        boolean inSomeSet = matching.stream().flatMap(p -> p.require().stream())
                .anyMatch(r -> membership.contains(r.from(), target, voterId));
        return inSomeSet ? Eligibility.ELIGIBLE : Eligibility.NOT_AN_APPROVER;
    }

    /** Where a request stands given its votes. */
    public enum Verdict { PENDING, APPROVED, REJECTED }

    /** One requirement of one policy: who counts toward it, and how many are still needed. */
    public record Progress(ApprovalPolicy policy, Requirement requirement, List<String> approvers) {
        public int missing() {
            return Math.max(0, requirement.count() - approvers.size());
        }
    }

    public record Tally(Verdict verdict, List<Progress> progress, Optional<Ballot> rejection) {
    }

    /**
     * Counts the votes of people still entitled to vote (membership is asked now, so someone who left the
     * owning team no longer counts). Within one policy a person fills at most one requirement, so
     * "1 from owners and 1 from platform" needs two people even when one is in both.
     */
    public Tally tally(List<ApprovalPolicy> matching, ActionTarget target, String requesterId, List<Ballot> ballots,
                       Membership membership) {
        List<Ballot> counted = ballots.stream()
                .filter(b -> eligibility(matching, target, requesterId, b.voterId(), membership) == Eligibility.ELIGIBLE)
                .toList();
        Optional<Ballot> rejection = counted.stream().filter(b -> !b.approve()).findFirst();
        List<String> approvers = counted.stream().filter(Ballot::approve).map(Ballot::voterId).distinct().toList();
        List<Progress> progress = new ArrayList<>();
        for (ApprovalPolicy policy : matching) {
            progress.addAll(assign(policy, target, approvers, membership));
        }
        Verdict verdict = rejection.isPresent() ? Verdict.REJECTED
                : progress.stream().allMatch(p -> p.missing() == 0) ? Verdict.APPROVED : Verdict.PENDING;
        return new Tally(verdict, progress, rejection);
    }

    /** Assigns approvers to the requirement slots of one policy (bipartite matching, augmenting paths). */
    private static List<Progress> assign(ApprovalPolicy policy, ActionTarget target, List<String> approvers,
                                         Membership membership) {
        List<Integer> slotRequirement = new ArrayList<>();
        for (int r = 0; r < policy.require().size(); r++) {
            for (int c = 0; c < policy.require().get(r).count(); c++) {
                slotRequirement.add(r);
            }
        }
        boolean[][] fits = new boolean[approvers.size()][slotRequirement.size()];
        for (int a = 0; a < approvers.size(); a++) {
            for (int s = 0; s < slotRequirement.size(); s++) {
                fits[a][s] = membership.contains(policy.require().get(slotRequirement.get(s)).from(), target, approvers.get(a));
            }
        }
        int[] slotHolder = new int[slotRequirement.size()];
        Arrays.fill(slotHolder, -1);
        for (int a = 0; a < approvers.size(); a++) {
            augment(a, fits, slotHolder, new boolean[slotRequirement.size()]);
        }
        List<Progress> progress = new ArrayList<>();
        for (int r = 0; r < policy.require().size(); r++) {
            List<String> filled = new ArrayList<>();
            for (int s = 0; s < slotRequirement.size(); s++) {
                if (slotRequirement.get(s) == r && slotHolder[s] >= 0) {
                    filled.add(approvers.get(slotHolder[s]));
                }
            }
            progress.add(new Progress(policy, policy.require().get(r), filled));
        }
        return progress;
    }

    private static boolean augment(int approver, boolean[][] fits, int[] slotHolder, boolean[] visited) {
        for (int s = 0; s < slotHolder.length; s++) {
            if (fits[approver][s] && !visited[s]) {
                visited[s] = true;
                if (slotHolder[s] < 0 || augment(slotHolder[s], fits, slotHolder, visited)) {
                    slotHolder[s] = approver;
                    return true;
                }
            }
        }
        return false;
    }
}
