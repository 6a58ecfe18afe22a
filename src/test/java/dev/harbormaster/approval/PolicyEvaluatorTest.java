package dev.harbormaster.approval;

import dev.harbormaster.approval.PolicyEvaluator.Assessment;
import dev.harbormaster.approval.PolicyEvaluator.Eligibility;
import dev.harbormaster.approval.PolicyEvaluator.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Policy evaluation as tables: matching, deny, reasons, break-glass, expiry, eligibility and thresholds. */
class PolicyEvaluatorTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final ActionTarget PAYMENTS_T1_PROD = new ActionTarget("payments-api", "payments", "production", 1);
    private static final ActionTarget PAYMENTS_T2 = new ActionTarget("payments-ledger", "payments", null, 2);
    private static final ActionTarget SEARCH_T3_STAGING = new ActionTarget("search-api", "search", "staging", 3);

    /** payments = alice, bob; platform = carol; sre = carol, dave; search = erin. */
    private static final Map<String, Set<String>> TEAMS = Map.of(
            "payments", Set.of("UALICE", "UBOB"), "platform", Set.of("UCAROL"), "search", Set.of("UERIN"));
    private static final Membership MEMBERSHIP = (set, target, user) -> {
        if (set instanceof ApproverSet.Owners) {
            return target.owningTeam() != null && TEAMS.getOrDefault(target.owningTeam(), Set.of()).contains(user);
        }
        if (set instanceof ApproverSet.CatalogTeam team) {
            return TEAMS.getOrDefault(team.name(), Set.of()).contains(user);
        }
        if (set instanceof ApproverSet.Usergroup group) {
            return group.ref().equals("sre") && Set.of("UCAROL", "UDAVE").contains(user);
        }
        return ((ApproverSet.Users) set).ids().contains(user);
    };

    private static final ApprovalPolicy OWNERS_TRANSFER = policy("ownership-changes", "service transfer")
            .require(1, new ApproverSet.Owners()).build();
    private static final ApprovalPolicy DELETION = policy("service-deletion", "service delete")
            .deny(Set.of(1), "Tier-1 services are not deleted from chat.")
            .require(1, new ApproverSet.Owners()).require(1, new ApproverSet.CatalogTeam("platform"))
            .reasonRequired().expiresAfter(Duration.ofHours(72)).build();
    private static final ApprovalPolicy PROD = policy("production-changes", "deploy", "rollback")
            .environments("production").require(1, new ApproverSet.Owners()).breakGlass().expiresAfter(Duration.ofHours(2)).build();
    private static final ApprovalPolicy SRE_PROD = policy("sre-production", "rollback")
            .environments("production").require(1, new ApproverSet.Usergroup("sre")).build();
    private static final ApprovalPolicy SELF_OK = policy("self-service", "scale")
            .require(1, new ApproverSet.Owners()).selfApproval().build();
    private static final ApprovalPolicy TWO_OWNERS = policy("two-owners", "restart")
            .require(2, new ApproverSet.Owners()).build();
    private static final ApprovalPolicy LISTED = policy("listed", "flag flip")
            .require(1, new ApproverSet.Users(List.of("UZED"))).tiers(3).teams("search").build();

    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator(
            List.of(OWNERS_TRANSFER, DELETION, PROD, SRE_PROD, SELF_OK, TWO_OWNERS, LISTED), Duration.ofHours(24));

    static Stream<Arguments> assessments() {
        return Stream.of(
                // action, target, reason given, emergency, expected outcome, policy named, expires after
                Arguments.of("help", PAYMENTS_T1_PROD, false, false, Assessment.Unrestricted.class, null, null),
                Arguments.of("service transfer", PAYMENTS_T1_PROD, false, false, Assessment.ApprovalNeeded.class, null, Duration.ofHours(24)),
                Arguments.of("service delete", PAYMENTS_T1_PROD, true, false, Assessment.Denied.class, "service-deletion", null),
                Arguments.of("service delete", PAYMENTS_T1_PROD, true, true, Assessment.Denied.class, "service-deletion", null),
                Arguments.of("service delete", PAYMENTS_T2, false, false, Assessment.ReasonNeeded.class, "service-deletion", null),
                Arguments.of("service delete", PAYMENTS_T2, true, false, Assessment.ApprovalNeeded.class, null, Duration.ofHours(72)),
                Arguments.of("service delete", PAYMENTS_T2, true, true, Assessment.BreakGlassRefused.class, "service-deletion", null),
                Arguments.of("deploy", PAYMENTS_T1_PROD, false, false, Assessment.ApprovalNeeded.class, null, Duration.ofHours(2)),
                Arguments.of("deploy", PAYMENTS_T1_PROD, false, true, Assessment.BreakGlass.class, null, null),
                Arguments.of("deploy", SEARCH_T3_STAGING, false, false, Assessment.Unrestricted.class, null, null),
                // two policies match a production rollback; one forbids break-glass, so the emergency is refused
                Arguments.of("rollback", PAYMENTS_T1_PROD, false, true, Assessment.BreakGlassRefused.class, "sre-production", null),
                Arguments.of("flag flip", SEARCH_T3_STAGING, false, false, Assessment.ApprovalNeeded.class, null, Duration.ofHours(24)),
                Arguments.of("flag flip", PAYMENTS_T2, false, false, Assessment.Unrestricted.class, null, null));
    }

    @ParameterizedTest(name = "{0} on {1} (reason {2}, emergency {3}) → {4}")
    @MethodSource("assessments")
    void assess(String action, ActionTarget target, boolean reason, boolean emergency, Class<?> expected, String policy,
                Duration expiresAfter) {
        Assessment assessment = EVALUATOR.assess(action, target, reason, emergency, NOW);
        assertInstanceOf(expected, assessment);
        if (policy != null) {
            String named = assessment instanceof Assessment.Denied d ? d.policy().name()
                    : assessment instanceof Assessment.ReasonNeeded r ? r.policy().name()
                    : ((Assessment.BreakGlassRefused) assessment).policy().name();
            assertEquals(policy, named);
        }
        if (expiresAfter != null) {
            assertEquals(NOW.plus(expiresAfter), ((Assessment.ApprovalNeeded) assessment).expiresAt(), "the shortest expiry wins");
        }
    }

    static Stream<Arguments> tallies() {
        return Stream.of(
                // action, target, requester, votes ("+U" approves, "-U" rejects), expected verdict, eligibility of the last voter
                Arguments.of("service transfer", PAYMENTS_T1_PROD, "UALICE", "", Verdict.PENDING, null),
                Arguments.of("service transfer", PAYMENTS_T1_PROD, "UALICE", "+UBOB", Verdict.APPROVED, Eligibility.ELIGIBLE),
                Arguments.of("service transfer", PAYMENTS_T1_PROD, "UALICE", "+UALICE", Verdict.PENDING, Eligibility.OWN_REQUEST),
                Arguments.of("service transfer", PAYMENTS_T1_PROD, "UALICE", "+UCAROL", Verdict.PENDING, Eligibility.NOT_AN_APPROVER),
                Arguments.of("service transfer", PAYMENTS_T1_PROD, "UCAROL", "-UBOB +UALICE", Verdict.REJECTED, Eligibility.ELIGIBLE),
                // a rejection wins over approvals that came first
                Arguments.of("service delete", PAYMENTS_T2, "UDAVE", "+UBOB +UCAROL -UALICE", Verdict.REJECTED, Eligibility.ELIGIBLE),
                // several sets: one owner and one platform engineer, both needed
                Arguments.of("service delete", PAYMENTS_T2, "UDAVE", "+UBOB", Verdict.PENDING, Eligibility.ELIGIBLE),
                Arguments.of("service delete", PAYMENTS_T2, "UDAVE", "+UBOB +UALICE", Verdict.PENDING, Eligibility.ELIGIBLE),
                Arguments.of("service delete", PAYMENTS_T2, "UDAVE", "+UBOB +UCAROL", Verdict.APPROVED, Eligibility.ELIGIBLE),
                // every matching policy must be satisfied: owners (production-changes) and sre (sre-production)
                Arguments.of("rollback", PAYMENTS_T1_PROD, "UERIN", "+UBOB", Verdict.PENDING, Eligibility.ELIGIBLE),
                Arguments.of("rollback", PAYMENTS_T1_PROD, "UERIN", "+UBOB +UDAVE", Verdict.APPROVED, Eligibility.ELIGIBLE),
                // self-approval only where the policy allows it
                Arguments.of("scale", PAYMENTS_T2, "UALICE", "+UALICE", Verdict.APPROVED, Eligibility.ELIGIBLE),
                // thresholds count distinct people
                Arguments.of("restart", PAYMENTS_T2, "UCAROL", "+UBOB", Verdict.PENDING, Eligibility.ELIGIBLE),
                Arguments.of("restart", PAYMENTS_T2, "UCAROL", "+UBOB +UBOB", Verdict.PENDING, Eligibility.ELIGIBLE),
                Arguments.of("restart", PAYMENTS_T2, "UCAROL", "+UBOB +UALICE", Verdict.APPROVED, Eligibility.ELIGIBLE),
                // listed users
                Arguments.of("flag flip", SEARCH_T3_STAGING, "UERIN", "+UZED", Verdict.APPROVED, Eligibility.ELIGIBLE),
                // a vote from someone not entitled counts for nothing, even a rejection
                Arguments.of("flag flip", SEARCH_T3_STAGING, "UERIN", "-UBOB", Verdict.PENDING, Eligibility.NOT_AN_APPROVER));
    }

    @ParameterizedTest(name = "{0} asked by {2}, votes [{3}] → {4}")
    @MethodSource("tallies")
    void tally(String action, ActionTarget target, String requester, String votes, Verdict expected, Eligibility lastVoter) {
        List<ApprovalPolicy> matching = EVALUATOR.matching(action, target);
        List<Ballot> ballots = Arrays.stream(votes.split(" ")).filter(v -> !v.isBlank())
                .map(v -> new Ballot(v.substring(1), v.startsWith("+"), NOW)).toList();
        assertEquals(expected, EVALUATOR.tally(matching, target, requester, ballots, MEMBERSHIP).verdict());
        if (lastVoter != null) {
            String voter = ballots.get(ballots.size() - 1).voterId();
            assertEquals(lastVoter, EVALUATOR.eligibility(matching, target, requester, voter, MEMBERSHIP));
        }
    }

    @Test
    void progressSaysWhoCountedAndWhatIsStillMissing() {
        List<ApprovalPolicy> matching = EVALUATOR.matching("service delete", PAYMENTS_T2);
        var tally = EVALUATOR.tally(matching, PAYMENTS_T2, "UDAVE", List.of(new Ballot("UCAROL", true, NOW)), MEMBERSHIP);
        assertEquals(List.of(), tally.progress().get(0).approvers());
        assertEquals(1, tally.progress().get(0).missing());
        assertEquals(List.of("UCAROL"), tally.progress().get(1).approvers());
        assertEquals(0, tally.progress().get(1).missing());
    }

    @Test
    void aRenamedEnvironmentIsStillMatchedByThePolicyOnTheNameItsWorkloadHad() {
        ActionTarget renamed = new ActionTarget("payments-ledger", "payments", "prod", 2, Set.of("production"));
        assertInstanceOf(Assessment.ApprovalNeeded.class, EVALUATOR.assess("deploy", renamed, false, false, NOW));
        assertEquals(List.of("production-changes"), EVALUATOR.matching("deploy", renamed).stream().map(ApprovalPolicy::name).toList());
        ApprovalPolicy scoped = new ApprovalPolicy("no-prod", "approvals/no-prod.yaml", Set.of("deploy"),
                Set.of(), Set.of(), Set.of(), Optional.empty(), List.of(), false, Optional.empty(), false,
                List.of(new ApprovalPolicy.DenyRule(Set.of("production"), Set.of(), Set.of(), "not in production")), false,
                Optional.empty(), List.of());
        assertEquals("not in production", scoped.denial(renamed).orElseThrow(), "a deny on production follows the workload too");
        assertEquals(Optional.empty(), scoped.denial(new ActionTarget("payments-ledger", "payments", "prod", 2)));
    }

    private static final List<ApproverSet> DEFAULT_REQUESTERS = List.of(new ApproverSet.Owners(), new ApproverSet.CatalogTeam("platform"));
    private static final ApprovalPolicy STAGING_OPEN = policy("staging-open", "deploy").environments("staging")
            .requesters(new ApproverSet.Anyone()).build();
    private static final ApprovalPolicy SRE_RESTARTS = policy("sre-restarts", "restart")
            .requesters(new ApproverSet.Usergroup("sre")).require(1, new ApproverSet.Owners()).build();
    private static final ApprovalPolicy PLATFORM_RESTARTS = policy("platform-restarts", "restart")
            .requesters(new ApproverSet.CatalogTeam("platform")).build();

    static Stream<Arguments> requesters() {
        ActionTarget paymentsStaging = new ActionTarget("payments-api", "payments", "staging", 1);
        return Stream.of(
                // policies, action, target, requester, may ask, deciding policy
                Arguments.of(List.of(PROD), "deploy", paymentsStaging, "UDAVE", false, null),
                Arguments.of(List.of(PROD), "deploy", PAYMENTS_T1_PROD, "UDAVE", false, null),
                Arguments.of(List.of(PROD), "deploy", paymentsStaging, "UALICE", true, null),
                Arguments.of(List.of(PROD), "deploy", paymentsStaging, "UCAROL", true, null),
                // a policy may widen who asks, for the targets it matches only
                Arguments.of(List.of(PROD, STAGING_OPEN), "deploy", paymentsStaging, "UDAVE", true, "staging-open"),
                Arguments.of(List.of(PROD, STAGING_OPEN), "deploy", PAYMENTS_T1_PROD, "UDAVE", false, null),
                // or narrow it: owners are no longer enough
                Arguments.of(List.of(SRE_RESTARTS), "restart", PAYMENTS_T1_PROD, "UALICE", false, "sre-restarts"),
                Arguments.of(List.of(SRE_RESTARTS), "restart", PAYMENTS_T1_PROD, "UDAVE", true, "sre-restarts"),
                // several policies that say who may ask must all agree
                Arguments.of(List.of(SRE_RESTARTS, PLATFORM_RESTARTS), "restart", PAYMENTS_T1_PROD, "UDAVE", false, "platform-restarts"),
                Arguments.of(List.of(SRE_RESTARTS, PLATFORM_RESTARTS), "restart", PAYMENTS_T1_PROD, "UCAROL", true, "sre-restarts"));
    }

    @ParameterizedTest(name = "{1} on {2} by {3} → {4}")
    @MethodSource("requesters")
    void requester(List<ApprovalPolicy> policies, String action, ActionTarget target, String requester, boolean allowed,
                   String deciding) {
        PolicyEvaluator evaluator = new PolicyEvaluator(policies, Duration.ofHours(24));
        PolicyEvaluator.RequesterVerdict verdict = evaluator.requester(evaluator.matching(action, target), target, requester,
                MEMBERSHIP, DEFAULT_REQUESTERS);
        assertEquals(allowed, verdict.allowed());
        assertEquals(Optional.ofNullable(deciding), verdict.policy().map(ApprovalPolicy::name));
    }

    private static PolicyBuilder policy(String name, String... actions) {
        return new PolicyBuilder(name, Set.of(actions));
    }

    /** Reads like the YAML it stands for. */
    private static final class PolicyBuilder {
        private final String name;
        private final Set<String> actions;
        private Set<String> environments = Set.of();
        private Set<Integer> tiers = Set.of();
        private Set<String> teams = Set.of();
        private final List<Requirement> require = new ArrayList<>();
        private final List<ApprovalPolicy.DenyRule> deny = new ArrayList<>();
        private boolean selfApproval;
        private boolean reasonRequired;
        private boolean breakGlass;
        private Duration expiresAfter;
        private List<ApproverSet> requesters;

        PolicyBuilder(String name, Set<String> actions) {
            this.name = name;
            this.actions = actions;
        }

        PolicyBuilder environments(String... values) {
            environments = Set.of(values);
            return this;
        }

        PolicyBuilder tiers(Integer... values) {
            tiers = Set.of(values);
            return this;
        }

        PolicyBuilder teams(String... values) {
            teams = Set.of(values);
            return this;
        }

        PolicyBuilder require(int count, ApproverSet from) {
            require.add(new Requirement(count, from));
            return this;
        }

        PolicyBuilder deny(Set<Integer> denyTiers, String message) {
            deny.add(new ApprovalPolicy.DenyRule(Set.of(), denyTiers, Set.of(), message));
            return this;
        }

        PolicyBuilder requesters(ApproverSet... sets) {
            requesters = List.of(sets);
            return this;
        }

        PolicyBuilder selfApproval() {
            selfApproval = true;
            return this;
        }

        PolicyBuilder reasonRequired() {
            reasonRequired = true;
            return this;
        }

        PolicyBuilder breakGlass() {
            breakGlass = true;
            return this;
        }

        PolicyBuilder expiresAfter(Duration duration) {
            expiresAfter = duration;
            return this;
        }

        ApprovalPolicy build() {
            return new ApprovalPolicy(name, "approvals/" + name + ".yaml", actions, environments, tiers, teams,
                    Optional.ofNullable(requesters), require, selfApproval, Optional.ofNullable(expiresAfter), reasonRequired,
                    deny, breakGlass, Optional.empty(), List.of());
        }
    }
}
