package dev.harbormaster.approval;

import dev.harbormaster.catalog.CatalogImport;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.harbormaster.approval.ApprovalSandbox.click;
import static dev.harbormaster.approval.ApprovalSandbox.command;
import static dev.harbormaster.approval.ApprovalSandbox.requestId;
import static dev.harbormaster.approval.ApprovalSandbox.requestMessage;
import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the real audit log (no mock): after alice's transfer is approved by bob, `/platform audit` on the
 * service shows every step with who did it, and the chain still verifies.
 */
@QuarkusTest
class ApprovalAuditTest {

    @Inject
    CatalogImport catalogImport;

    private ApprovalSandbox scenario;

    @BeforeEach
    void setUp() {
        ApprovalSandbox.reset();
        scenario = new ApprovalSandbox(catalogImport, 2);
    }

    @Test
    void theAuditShowsTheWholeApprovedTransfer() {
        String asked = command("alice", "payments", "service transfer " + scenario.service + " --to " + scenario.newOwners)
                .getString("ack.text");
        long id = requestId(asked);
        Map<String, Object> message = requestMessage("platform-approvals", id, "approval.approve");
        click("bob", "platform-approvals", (String) message.get("ts"), "approval.approve", Long.toString(id));
        requestMessage("platform-approvals", id, "*Done*");

        String audit = waitFor("the execution is in the audit", () -> {
            String shown = command("carol", "platform", "audit " + scenario.service).get("ack").toString();
            return shown.contains("approval.executed") ? shown : null;
        });
        for (String step : List.of("approval.requested", "approval.voted", "approval.approved", "approval.executed")) {
            assertTrue(audit.contains(step), step + " missing from: " + audit);
        }
        assertTrue(audit.contains("<@UALICE>") && audit.contains("<@UBOB>"), audit);
        Matcher approved = Pattern.compile("\\*approval\\.approved\\*[^\\n]*").matcher(audit);
        assertTrue(approved.find(), audit);
        assertTrue(approved.group().contains("status: APPROVED"), "the approval entry records the new status: " + approved.group());
        String verify = command("carol", "platform", "audit verify").get("ack").toString();
        assertTrue(verify.contains("intact"), verify);
    }
}
