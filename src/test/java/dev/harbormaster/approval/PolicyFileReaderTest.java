package dev.harbormaster.approval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.harbormaster.command.ConfigFolder;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Policy files: every problem names the file, the line and the field; the shipped policies load. */
class PolicyFileReaderTest {

    /** What the running bot offers: the gated actions of its features and the default environments. */
    static final PolicyVocabulary VOCABULARY = new PolicyVocabulary(Set.of("service transfer", "service delete",
            "service edit", "deploy", "rollback", "scale", "restart", "addon create", "addon delete", "silence", "unsilence", "budget"),
            Set.of("development", "staging", "production"));

    private static final String VALID = """
            # Protects: service transfer
            name: ownership-changes
            match:
              actions: [service transfer]
              tiers: [1, 2]
            require:
              - count: 1
                from: owners
              - count: 2
                from: {users: [UCAROL, dave@example.com]}
              - count: 1
                from: usergroup:@sre
            deny:
              - environments: [production]
                message: not in production
            expires_after: 90m
            reason_required: true
            break_glass: true
            channel: platform-approvals
            """;

    @Test
    void aValidFileReadsIntoThePolicy() {
        ApprovalPolicy policy = PolicyFileReader.read("approvals/x.yaml", VALID, VOCABULARY);
        assertEquals("ownership-changes", policy.name());
        assertEquals(Set.of("service transfer"), policy.actions());
        assertEquals(Set.of(1, 2), policy.tiers());
        assertEquals(List.of(new Requirement(1, new ApproverSet.Owners()),
                new Requirement(2, new ApproverSet.Users(List.of("UCAROL", "dave@example.com"))),
                new Requirement(1, new ApproverSet.Usergroup("sre"))), policy.require());
        assertEquals(Duration.ofMinutes(90), policy.expiresAfter().orElseThrow());
        assertEquals("not in production", policy.denial(new ActionTarget("a", "b", "production", 1)).orElseThrow());
        assertTrue(policy.denial(new ActionTarget("a", "b", "staging", 1)).isEmpty());
        assertTrue(policy.reasonRequired() && policy.breakGlass() && !policy.selfApproval());
        assertEquals("platform-approvals", policy.channel().orElseThrow());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "count: 1|approvals/bad.yaml line 7: field `require[0].count` must be a whole number from 1 to 20, not `zero`",
            "from: owners|approvals/bad.yaml line 8: field `require[0].from` is `ownerz`; use `owners`, `team:<name>`",
            "expires_after: 24h|approvals/bad.yaml line 9: field `expires_after` is `tomorrow`; write a number and a unit",
            "self_approval: false|approvals/bad.yaml line 10: field `self_aproval` is not a policy field. Did you mean `self_approval`",
            "actions: [service transfer]|approvals/bad.yaml line 4: field `match.actions` must be a list of words",
            "tiers: [1]|approvals/bad.yaml line 5: field `match.tiers[0]` must be a tier from 1 to 4, not `7`",
    })
    void eachProblemNamesFileLineAndField(String fixedLine, String expectedStart) {
        String broken = """
                # A broken policy
                name: broken
                match:
                  actions: service transfer
                  tiers: [7]
                require:
                  - count: zero
                    from: ownerz
                expires_after: tomorrow
                self_aproval: false
                """;
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> PolicyFileReader.read("approvals/bad.yaml", broken, VOCABULARY));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(expectedStart)),
                "expected a problem starting with\n  " + expectedStart + "\nfor the line fixed by `" + fixedLine + "`, got\n  "
                        + String.join("\n  ", e.problems()));
    }

    @Test
    void missingPiecesAndDuplicatesAreNamed() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> PolicyFileReader.read("approvals/empty.yaml", """
                name: Not Valid
                name: twice
                match: {}
                """, VOCABULARY));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("approvals/empty.yaml line 2: field `name` is given twice"), all);
        assertTrue(all.contains("field `match.actions` is missing"), all);
        assertTrue(all.contains("field `require` is missing"), all);
        assertThrows(InvalidPolicyException.class, () -> PolicyFileReader.read("approvals/blank.yaml", "# only a comment\n", VOCABULARY));
    }

    @Test
    void twoFilesWithOneNameAreRefusedTogether() {
        String policy = "name: same\nmatch: {actions: [deploy]}\nrequire: [{count: 1, from: owners}]\n";
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
                () -> ApprovalPolicies.parse(Map.of("approvals/a.yaml", policy, "approvals/b.yaml", policy), VOCABULARY));
        assertEquals(List.of("approvals/b.yaml: field `name` `same` is already used by approvals/a.yaml; policy names must be unique"),
                e.problems());
    }

    @Test
    void anEmptyPolicyFolderIsRefusedRatherThanLettingEverythingThrough(@TempDir Path empty) {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> ApprovalPolicies.fromDirectory(empty));
        assertTrue(e.problems().get(0).contains("holds no *.yaml policy"), e.problems().toString());
    }

    @Test
    void kustomizeFilesAreNotReadAsPolicies(@TempDir Path directory) throws IOException {
        Path approvals = Files.createDirectory(directory.resolve("approvals"));
        Files.writeString(approvals.resolve("ownership-changes.yaml"), VALID);
        for (String name : ConfigFolder.KUSTOMIZATION_FILES) {
            Files.writeString(approvals.resolve(name), """
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    configMapGenerator:
                      - name: harbormaster-approvals
                        files: [ownership-changes.yaml]
                    """);
        }
        assertEquals(Set.of("approvals/ownership-changes.yaml"), ApprovalPolicies.fromDirectory(approvals).keySet());
        try (URLClassLoader loader = new URLClassLoader(new URL[]{directory.toUri().toURL()}, null)) {
            assertEquals(Set.of("approvals/ownership-changes.yaml"), ApprovalPolicies.fromClasspath(loader).keySet());
        }
    }

    @Test
    void aFolderWithOnlyItsKustomizationIsStillEmpty(@TempDir Path empty) throws IOException {
        Files.writeString(empty.resolve("kustomization.yaml"), "kind: Kustomization\n");
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> ApprovalPolicies.fromDirectory(empty));
        assertTrue(e.problems().get(0).contains("holds no *.yaml policy"), e.problems().toString());
    }

    @Test
    void theShippedPoliciesLoad() {
        assertTrue(Files.exists(Path.of("approvals", "kustomization.yaml")), "the folder is also a kustomization");
        List<ApprovalPolicy> shipped = ApprovalPolicies.parse(ApprovalPolicies.fromDirectory(Path.of("approvals")), VOCABULARY);
        assertEquals(List.of("addon-changes", "alert-silences", "budget-changes", "catalog-changes", "ownership-changes", "production-changes",
                        "service-deletion"),
                shipped.stream().map(ApprovalPolicy::name).toList());
        assertTrue(shipped.stream().anyMatch(ApprovalPolicy::breakGlass), "one shipped policy allows break-glass");
    }

    @Test
    void theAlertSilencePolicyGatesOnlyLongSilencesOfCriticalTierOneProductionAlertsAndFailsClosedOnTheUnknown() {
        ApprovalPolicy silences = ApprovalPolicies.parse(ApprovalPolicies.fromDirectory(Path.of("approvals")), VOCABULARY)
                .stream().filter(p -> p.name().equals("alert-silences")).findFirst().orElseThrow();
        java.time.Duration hours8 = java.time.Duration.ofHours(8);
        java.time.Duration hours4 = java.time.Duration.ofHours(4);
        assertTrue(silences.matches("silence", new ActionTarget("payments-api", "payments", "production", 1, Set.of(), "critical", hours8)));
        assertTrue(!silences.matches("silence", new ActionTarget("payments-api", "payments", "production", 1, Set.of(), "critical", hours4)),
                "4 h exactly is not longer than 4 h");
        assertTrue(!silences.matches("silence", new ActionTarget("payments-api", "payments", "production", 1, Set.of(), "warning", hours8)));
        assertTrue(!silences.matches("silence", new ActionTarget("payments-api", "payments", "staging", 1, Set.of(), "critical", hours8)));
        assertTrue(silences.matches("silence", new ActionTarget("payments-api", "payments", null, 1, Set.of("staging", "production"), null, hours8)),
                "a silence of every severity in every environment covers critical production alerts");
        assertTrue(silences.matches("silence", new ActionTarget("payments-api", "payments", "production", 1, Set.of(), "CRITICAL", null)),
                "no length said: it may be long");
    }

    @Test
    void anUnknownSeverityOrABadLengthStopsTheStartUpWithItsLine() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> PolicyFileReader.read("approvals/s.yaml", """
                name: s
                match:
                  actions: [silence]
                  severities: [critcal]
                  longer_than: four hours
                require:
                  - count: 1
                    from: owners
                """, VOCABULARY));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("approvals/s.yaml line 4: field `match.severities[0]` is `critcal`")
                && p.contains("`critical`")), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("approvals/s.yaml line 5: field `match.longer_than` is `four hours`")),
                e.problems().toString());
    }

    @Test
    void aMisspeltActionOrEnvironmentStopsTheStartUpWithItsLine() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> PolicyFileReader.read("approvals/typo.yaml", """
                # production changes
                name: typo
                match:
                  actions: [deploy, rolback]
                  environments: [prodution]
                require: [{count: 1, from: owners}]
                deny:
                  - environments: [prod]
                    message: not from chat
                """, VOCABULARY));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("approvals/typo.yaml line 4: field `match.actions[1]` is `rolback`, which is not a gated action"), all);
        assertTrue(all.contains("Did you mean `rollback`"), all);
        assertTrue(all.contains("approvals/typo.yaml line 5: field `match.environments[0]` is `prodution`, which is not an "
                + "environment of the platform"), all);
        assertTrue(all.contains("approvals/typo.yaml line 8: field `deny[0].environments[0]` is `prod`"), all);
    }

    @Test
    void requestersSayWhoMayAskAndAnyoneIsOnlyForThem() {
        ApprovalPolicy policy = PolicyFileReader.read("approvals/open.yaml", """
                name: staging-open
                match: {actions: [deploy], environments: [staging]}
                requesters: [anyone]
                """, VOCABULARY);
        assertEquals(List.of(new ApproverSet.Anyone()), policy.requesters().orElseThrow());
        assertTrue(policy.require().isEmpty());
        ApprovalPolicy narrow = PolicyFileReader.read("approvals/narrow.yaml", """
                name: sre-only
                match: {actions: [restart]}
                requesters: [usergroup:sre, team:platform]
                require: [{count: 1, from: owners}]
                """, VOCABULARY);
        assertEquals(List.of(new ApproverSet.Usergroup("sre"), new ApproverSet.CatalogTeam("platform")),
                narrow.requesters().orElseThrow());
        assertEquals(List.of(new ApprovalPolicy.TeamReference("platform", "requesters[1]", 3)), narrow.teamReferences());
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> PolicyFileReader.read("approvals/any.yaml", """
                name: anyone-approves
                match: {actions: [deploy]}
                require: [{count: 1, from: anyone}]
                """, VOCABULARY));
        assertTrue(e.problems().get(0).contains("field `require[0].from` is `anyone`, which only `requesters` may say"),
                e.problems().toString());
    }
}
