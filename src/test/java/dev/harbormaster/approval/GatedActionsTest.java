package dev.harbormaster.approval;

import dev.harbormaster.audit.AuditTrail;
import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.CatalogImport;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.harbormaster.approval.ApprovalSandbox.click;
import static dev.harbormaster.approval.ApprovalSandbox.command;
import static dev.harbormaster.approval.ApprovalSandbox.messageContaining;
import static dev.harbormaster.approval.ApprovalSandbox.requestId;
import static dev.harbormaster.approval.ApprovalSandbox.requestMessage;
import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;

/** Deletion rules, break-glass with its review, and policy check, through the sandbox. */
@QuarkusTest
class GatedActionsTest {

    @Inject
    CatalogImport catalogImport;
    @Inject
    Catalog catalog;
    @Inject
    ApprovalEngine engine;
    @Inject
    ApprovalRequestRepository requests;
    @Inject
    CountingRestartAction restarts;
    @InjectMock
    AuditTrail audit;

    @BeforeEach
    void resetSandbox() {
        ApprovalSandbox.reset();
    }

    @Test
    void tierOneServicesAreNotDeletedFromChat() {
        ApprovalSandbox scenario = new ApprovalSandbox(catalogImport, 1);
        String answer = command("alice", "payments", "service delete " + scenario.service + " --reason tidy").getString("ack.text");
        assertTrue(answer.startsWith(":no_entry: Not from chat: Tier-1 services are not deleted from chat."), answer);
        assertTrue(answer.contains("(policy `service-deletion`)"), answer);
        assertTrue(catalog.service(scenario.service).isPresent());
        verify(audit).record(eq("UALICE"), eq("approval.denied"), eq("service:" + scenario.service), anyMap());
    }

    @Test
    void deletionNeedsAReasonThenAnOwnerAndAPlatformEngineer() {
        ApprovalSandbox scenario = new ApprovalSandbox(catalogImport, 3);
        String noReason = command("alice", "payments", "service delete " + scenario.service).getString("ack.text");
        assertTrue(noReason.contains("Policy `service-deletion` needs a reason"), noReason);
        assertTrue(noReason.contains("/platform service delete " + scenario.service + " --reason"), noReason);

        String asked = command("alice", "payments", "service delete " + scenario.service + " --reason \"replaced by v2\"")
                .getString("ack.text");
        long id = requestId(asked);
        assertTrue(asked.contains("1 from owners (team `" + scenario.owners + "`)") && asked.contains("1 from team `platform`"), asked);
        Map<String, Object> message = requestMessage("platform-approvals", id, "approval.approve");
        assertTrue(message.get("blocks").toString().contains("“replaced by v2”"), message.get("blocks").toString());

        click("bob", "platform-approvals", (String) message.get("ts"), "approval.approve", Long.toString(id));
        String progress = requestMessage("platform-approvals", id, "<@UBOB> approved").get("blocks").toString();
        assertTrue(progress.contains("team `" + scenario.owners + "`) — :white_check_mark: <@UBOB>"), progress);
        assertTrue(progress.contains("1 from team `platform` — still needs 1"), progress);
        assertEquals("PENDING", status(id), "an owner alone is not enough");
        assertTrue(catalog.service(scenario.service).isPresent());

        click("carol", "platform-approvals", (String) message.get("ts"), "approval.approve", Long.toString(id));
        waitFor("#" + id + " to run", () -> "SUCCEEDED".equals(status(id)));
        assertTrue(catalog.service(scenario.service).isEmpty(), "deleted once both approved");
        requestMessage("platform-approvals", id, "was deleted from the catalog");
    }

    @Test
    void breakGlassRunsAtOnceAlertsLoudlyAndWaitsForAnAcknowledgement() {
        ApprovalSandbox scenario = new ApprovalSandbox(catalogImport, 2);
        SubmitResult result = engine.submit("test restart", Map.of("service", scenario.service), "UALICE", null,
                "pods crash-looping, pager is on fire");
        SubmitResult.Executed executed = (SubmitResult.Executed) result;
        assertTrue(executed.emergency());
        assertEquals(1, restarts.runs(scenario.service), "it ran at once");
        long id = executed.requestId();

        Map<String, Object> alert = requestMessage("payments", id, "approval.acknowledge");
        assertTrue(String.valueOf(alert.get("text")).contains("<!here>"), "the owners' channel is alerted loudly");
        assertTrue(alert.get("blocks").toString().contains("“pods crash-looping, pager is on fire”"));
        String bobsList = command("bob", "payments", "approvals").get("ack.blocks").toString();
        assertTrue(bobsList.contains("Emergency runs to review") && bobsList.contains("#" + id + "*"), bobsList);

        click("alice", "payments", (String) alert.get("ts"), "approval.acknowledge", Long.toString(id));
        messageContaining("payments", "alice", "You ran #" + id + " yourself: another approver must review it.");
        click("bob", "payments", (String) alert.get("ts"), "approval.acknowledge", Long.toString(id));
        Map<String, Object> reviewed = requestMessage("payments", id, "Reviewed by <@UBOB>");
        assertTrue(!reviewed.get("blocks").toString().contains("approval.acknowledge"), "the button goes once acknowledged");
        verify(audit).record(eq("UALICE"), eq("approval.break_glass"), eq("service:" + scenario.service), anyMap());
        verify(audit).record(eq("UBOB"), eq("approval.acknowledged"), eq("service:" + scenario.service), anyMap());
    }

    @Test
    void breakGlassIsRefusedWherePoliciesDoNotAllowIt() {
        ApprovalSandbox scenario = new ApprovalSandbox(catalogImport, 2);
        String answer = command("alice", "payments", "service transfer " + scenario.service + " --to " + scenario.newOwners
                + " --emergency \"now please\"").getString("ack.text");
        assertTrue(answer.startsWith("Policy `ownership-changes` does not allow break-glass (`--emergency`)"), answer);
        assertEquals(scenario.owners, catalog.service(scenario.service).orElseThrow().ownerTeam);
    }

    @Test
    void policyCheckExplainsWithoutActing() {
        ApprovalSandbox scenario = new ApprovalSandbox(catalogImport, 3);
        String check = command("bob", "payments", "policy check service delete " + scenario.service).getString("ack.text");
        assertTrue(check.contains("It would need approval, asked in #platform-approvals"), check);
        assertTrue(check.contains("*service-deletion* (approvals/service-deletion.yaml)"), check);
        assertTrue(check.contains("needs 1 from owners (team `" + scenario.owners + "`): alice@example.com, bob@example.com"), check);
        assertTrue(check.contains("needs 1 from team `platform`"), check);
        assertTrue(check.contains("reason: required"), check);
        assertTrue(catalog.service(scenario.service).isPresent());

        String readOnly = command("bob", "payments", "policy check service " + scenario.service).getString("ack.text");
        assertTrue(readOnly.startsWith("`service` does not change the platform"), readOnly);
        String typo = command("bob", "payments", "policy check service transfer nosuch-svc --to platform").getString("ack.text");
        assertTrue(typo.startsWith("No service named `nosuch-svc`"), typo);
    }

    private String status(long id) {
        return QuarkusTransaction.requiringNew().call(() -> requests.findById(id).status.name());
    }
}
