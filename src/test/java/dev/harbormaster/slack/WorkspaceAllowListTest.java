package dev.harbormaster.slack;

import dev.harbormaster.approval.ApprovalRequestMessage;
import dev.harbormaster.approval.ApprovalRequestRepository;
import dev.harbormaster.approval.ApprovalVoteRepository;
import dev.harbormaster.audit.AuditEntry;
import dev.harbormaster.audit.AuditTrail;
import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.catalog.ImportReport;
import dev.harbormaster.testing.CatalogYaml;
import dev.harbormaster.testing.SignedSlackRequest;
import dev.harbormaster.testing.SignedSlackRequest.Workspace;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.harbormaster.testing.Await.waitFor;
import static dev.harbormaster.testing.SignedSlackRequest.SANDBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With HARBORMASTER_ALLOWED_TEAM_IDS naming the sandbox's own workspace, correctly signed requests from another
 * workspace and organisation are refused before any listener runs, over real HTTP, while the same requests from
 * the sandbox are served. (Bolt's context names the bot's own workspace for every request, so a list that left
 * the sandbox out would refuse everything and prove nothing.)
 */
@QuarkusTest
@TestProfile(WorkspaceAllowListTest.SandboxOnly.class)
class WorkspaceAllowListTest {

    public static class SandboxOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harbormaster.slack.allowed-team-ids", "T0SANDBOX");
        }
    }

    static final Workspace OTHER = new Workspace("T0OTHER", "E0OTHER");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String REFUSED = "harbormaster_slack_rejected_total{reason=\"team_not_allowed\"}";
    private static final String NOT_ALLOWED = "This workspace is not allowed to use this app";

    @Inject
    CatalogImport catalogImport;
    @Inject
    ApprovalRequestRepository requests;
    @Inject
    ApprovalVoteRepository votes;
    @Inject
    AuditTrail audit;
    @Inject
    ProbeListeners probe;

    @Test
    void aSlashCommandFromAnotherWorkspaceIsToldNoAndRunsNothing() {
        String owner = "harbormaster_commands_total{command=\"owner\",outcome=\"ok\"}";
        double ran = ScrapedMetrics.value(owner);
        double refused = ScrapedMetrics.value(REFUSED);

        Response answer = post(SignedSlackRequest.slashCommandBody(OTHER, "UALICE", "CPAYMENTS", "owner payments-api",
                "http://127.0.0.1:9/unused"));
        assertEquals(200, answer.statusCode(), "a 200, or Slack would show the person an error instead of the answer");
        assertEquals("ephemeral", answer.jsonPath().getString("response_type"));
        assertTrue(answer.jsonPath().getString("text").startsWith(NOT_ALLOWED), answer.asString());
        assertFalse(answer.asString().contains("payments-api"), answer.asString());
        assertEquals(ran, ScrapedMetrics.value(owner), "the command did not run");
        assertEquals(refused + 1, ScrapedMetrics.value(REFUSED));

        Response served = post(SignedSlackRequest.slashCommandBody(SANDBOX, "UALICE", "CPAYMENTS", "owner payments-api",
                "http://127.0.0.1:9/unused"));
        assertEquals(200, served.statusCode());
        assertTrue(served.asString().contains("payments-api"), served.asString());
        assertEquals(ran + 1, ScrapedMetrics.value(owner));
        assertEquals(refused + 1, ScrapedMetrics.value(REFUSED));
    }

    @Test
    void anApproveClickFromAnotherWorkspaceLeavesARealRequestPending() {
        Scenario scenario = new Scenario(catalogImport);
        Response asked = post(SignedSlackRequest.slashCommandBody(SANDBOX, "UALICE", "CPAYMENTS",
                "service transfer " + scenario.service + " --to " + scenario.newOwners, "http://127.0.0.1:9/unused"));
        assertEquals(200, asked.statusCode());
        long id = waitFor("alice's transfer request of " + scenario.service, () -> QuarkusTransaction.requiringNew().call(() ->
                requests.pendingRequestedBy("UALICE").stream().filter(r -> scenario.service.equals(r.targetService))
                        .map(r -> r.id).findFirst().orElse(null)));
        double refused = ScrapedMetrics.value(REFUSED);

        Response fromOther = click(OTHER, OTHER, id);
        assertEquals(200, fromOther.statusCode());
        assertEquals("", fromOther.asString());
        // Slack Connect: bob's home workspace is another one, the channel is the sandbox's
        Response guest = click(SANDBOX, new Workspace("T0OTHER", null), id);
        assertEquals(200, guest.statusCode());
        assertEquals("", guest.asString());

        assertEquals("PENDING", status(id));
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> votes.forRequest(id).size()));
        assertEquals(List.of("approval.requested"), auditActions(scenario.service));
        assertEquals(refused + 2, ScrapedMetrics.value(REFUSED));

        assertEquals(200, click(SANDBOX, SANDBOX, id).statusCode());
        waitFor("bob's approval from the sandbox to run #" + id, () -> "SUCCEEDED".equals(status(id)));
        assertTrue(auditActions(scenario.service).contains("approval.voted"), auditActions(scenario.service).toString());
        assertEquals(refused + 2, ScrapedMetrics.value(REFUSED));
    }

    @Test
    void formsOptionsShortcutsAndEventsFromAnotherWorkspaceReachNoListener() {
        List<String> kinds = List.of("view_submission", "view_closed", "block_suggestion", "shortcut", "event");
        Map<String, Integer> before = kinds.stream().collect(Collectors.toMap(k -> k, probe::runs));
        double refused = ScrapedMetrics.value(REFUSED);

        for (Response refusedAnswer : sendEveryKind(OTHER)) {
            assertEquals(200, refusedAnswer.statusCode(), "an empty 200: nothing to retry, nothing given away");
            assertEquals("", refusedAnswer.asString());
        }
        for (String kind : kinds) {
            assertEquals(before.get(kind), probe.runs(kind), kind + " from another workspace ran a listener");
        }
        assertEquals(refused + kinds.size(), ScrapedMetrics.value(REFUSED));

        List<Response> served = sendEveryKind(SANDBOX);
        assertTrue(served.get(0).asString().contains("\"response_action\":\"errors\""), served.get(0).asString());
        assertTrue(served.get(2).asString().contains(ProbeListeners.SUGGESTED), served.get(2).asString());
        for (String kind : kinds) {
            assertEquals(before.get(kind) + 1, probe.runs(kind), kind + " from the sandbox");
        }
        assertEquals(refused + kinds.size(), ScrapedMetrics.value(REFUSED));
    }

    @Test
    void refusalsAreLoggedOncePerWorkspaceAndMinuteAndEveryOneIsCounted() {
        String first = "T0LOG" + System.nanoTime();
        String second = "T0LOG" + System.nanoTime();
        double refused = ScrapedMetrics.value(REFUSED);
        try (CapturedLog log = CapturedLog.of(SlackRefusals.class)) {
            for (int i = 0; i < 25; i++) {
                post(SignedSlackRequest.slashCommandBody(new Workspace(first, "E0OTHER"), "UALICE", "CPAYMENTS", "help",
                        "http://127.0.0.1:9/unused"));
            }
            post(SignedSlackRequest.slashCommandBody(new Workspace(second, null), "UALICE", "CPAYMENTS", "help",
                    "http://127.0.0.1:9/unused"));

            List<String> aboutFirst = log.warnings().stream().filter(line -> line.contains(first)).toList();
            assertEquals(1, aboutFirst.size(), log.warnings().toString());
            assertTrue(aboutFirst.get(0).contains("enterprise E0OTHER")
                    && aboutFirst.get(0).contains("not on HARBORMASTER_ALLOWED_TEAM_IDS"), aboutFirst.get(0));
            assertEquals(1, log.warnings().stream().filter(line -> line.contains(second)).count(), log.warnings().toString());
        }
        assertEquals(refused + 26, ScrapedMetrics.value(REFUSED));
    }

    private List<Response> sendEveryKind(Workspace from) {
        return List.of(
                post(SignedSlackRequest.viewSubmissionBody(from, "UALICE", ProbeListeners.VIEW)),
                post(SignedSlackRequest.viewClosedBody(from, "UALICE", ProbeListeners.VIEW)),
                post(SignedSlackRequest.blockSuggestionBody(from, "UALICE", ProbeListeners.SUGGEST, "pro")),
                post(SignedSlackRequest.globalShortcutBody(from, "UALICE", ProbeListeners.SHORTCUT)),
                SignedSlackRequest.post(SignedSlackRequest.eventBody(from, """
                        {"type":"reaction_added","user":"UALICE","reaction":"thumbsup","item_user":"UBOB",
                         "item":{"type":"message","channel":"CPAYMENTS","ts":"1700000000.000100"},"event_ts":"1700000001.000200"}"""),
                        "application/json", 0));
    }

    private List<String> auditActions(String service) {
        return QuarkusTransaction.requiringNew().call(() -> audit.latestConcerning(service, 50).stream()
                .map(AuditEntry::action).filter(action -> action.startsWith("approval.")).toList());
    }

    private String status(long id) {
        return QuarkusTransaction.requiringNew().call(() -> requests.findById(id).status.name());
    }

    private static Response click(Workspace channelWorkspace, Workspace bobsHome, long id) {
        return post(SignedSlackRequest.blockActionBody(channelWorkspace, bobsHome, "UBOB",
                ApprovalRequestMessage.APPROVE_ACTION, Long.toString(id)));
    }

    private static Response post(String body) {
        return SignedSlackRequest.post(body, FORM, 0);
    }

    /** A team of its own (alice and bob, by their sandbox e-mail addresses) owning a service, and a team (carol) to hand it to. */
    private static final class Scenario {
        final String prefix = "w" + UUID.randomUUID().toString().substring(0, 6);
        final String service = prefix + "-svc";
        final String owners = prefix + "-owners";
        final String newOwners = prefix + "-new";

        Scenario(CatalogImport catalogImport) {
            String yaml = CatalogYaml.people(prefix, "alice", "bob", "carol")
                    + CatalogYaml.team(owners, "payments", prefix + "-alice", prefix + "-bob")
                    + "---\n" + CatalogYaml.team(newOwners, "platform", prefix + "-carol") + """
                    ---
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata:
                      name: %4$s
                      annotations: {harbormaster.dev/tier: "2"}
                    spec: {type: service, lifecycle: production, owner: %2$s}
                    """.formatted(prefix, owners, newOwners, service);
            ImportReport report = catalogImport.importYaml("system", prefix + ".yaml", yaml);
            assertTrue(report.imported(), report.problems().toString());
        }
    }
}
