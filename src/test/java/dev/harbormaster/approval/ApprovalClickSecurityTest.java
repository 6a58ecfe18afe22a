package dev.harbormaster.approval;

import dev.harbormaster.audit.AuditTrail;
import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.testing.SignedSlackRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Clicks as a hostile or impatient world sends them: signed block_actions payloads straight to
 * /slack/events. The button value is only ever "which request"; who clicked is what Slack signed.
 */
@QuarkusTest
class ApprovalClickSecurityTest {

    private static final int APPROVERS = 50;

    @Inject
    CatalogImport catalogImport;
    @Inject
    ApprovalEngine engine;
    @Inject
    ApprovalRequestRepository requests;
    @Inject
    ApprovalVoteRepository votes;
    @Inject
    CountingRestartAction restarts;
    @InjectMock
    AuditTrail audit;

    @BeforeEach
    void resetSandbox() {
        ApprovalSandbox.reset();
    }

    @Test
    void fiftyConcurrentApproveClicksRunTheActionExactlyOnce() throws Exception {
        List<String> approvers = IntStream.range(0, APPROVERS).mapToObj(i -> "UAPPR%02d".formatted(i)).toList();
        ApprovalSandbox scenario = new ApprovalSandbox(catalogImport, 2, approvers.toArray(String[]::new));
        SubmitResult asked = engine.submit("test restart", Map.of("service", scenario.service), "UALICE", null, null);
        long id = assertInstanceOf(SubmitResult.Pending.class, asked).requestId();

        ExecutorService clickers = Executors.newFixedThreadPool(APPROVERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String approver : approvers) {
            answers.add(clickers.submit(() -> {
                go.await();
                return click(approver, ApprovalRequestMessage.APPROVE_ACTION, Long.toString(id)).statusCode();
            }));
        }
        go.countDown();
        for (Future<Integer> answer : answers) {
            assertEquals(200, answer.get());
        }
        clickers.shutdown();

        waitFor("#" + id + " to finish", () -> "SUCCEEDED".equals(status(id)));
        assertEquals(1, restarts.runs(scenario.service), "the action ran once");
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> votes.forRequest(id).size()),
                "the first approval settled it; later clicks found it approved and were refused");
        verify(audit, after(1000).times(1)).record(eq("system"), eq("approval.executed"), eq("service:" + scenario.service), anyMap());
        verify(audit, never()).record(eq("system"), eq("approval.failed"), anyString(), anyMap());
    }

    @Test
    void aButtonValueNamingAnotherRequestOrNoneIsRefused() {
        ApprovalSandbox scenario = new ApprovalSandbox(catalogImport, 2);
        long id = ((SubmitResult.Pending) engine.submit("service transfer",
                Map.of("name", scenario.service, "to", scenario.newOwners), "UALICE", null, null)).requestId();

        // carol may approve nothing of this team's: a value pointing at its request is re-authorised and refused
        assertEquals(200, click("UCAROL", ApprovalRequestMessage.APPROVE_ACTION, Long.toString(id)).statusCode());
        // a user Slack never heard of, a request that does not exist, and a value that is not a number
        assertEquals(200, click("UMALLORY", ApprovalRequestMessage.APPROVE_ACTION, Long.toString(id)).statusCode());
        assertEquals(200, click("UBOB", ApprovalRequestMessage.APPROVE_ACTION, "987654321").statusCode());
        assertEquals(200, click("UBOB", ApprovalRequestMessage.APPROVE_ACTION, id + " or 1=1").statusCode());
        assertEquals(200, click("UCAROL", ApprovalRequestMessage.ACKNOWLEDGE_ACTION, Long.toString(id)).statusCode());

        assertEquals("PENDING", status(id));
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> votes.forRequest(id).size()));
        verify(audit, never()).record(anyString(), eq("approval.voted"), anyString(), anyMap());
        assertEquals("You are not one of the approvers of #" + id + ". It needs 1 from owners (team `" + scenario.owners
                + "`). See who with `/platform approvals`.", engine.vote(id, "UCAROL", true, null).message());
    }

    @Test
    void aClickClaimingToBeBobWithoutSlacksSignatureIsRejectedBeforeAnythingRuns() {
        ApprovalSandbox scenario = new ApprovalSandbox(catalogImport, 2);
        long id = ((SubmitResult.Pending) engine.submit("service transfer",
                Map.of("name", scenario.service, "to", scenario.newOwners), "UALICE", null, null)).requestId();
        String body = SignedSlackRequest.blockActionBody("UBOB", ApprovalRequestMessage.APPROVE_ACTION, Long.toString(id));
        long now = Instant.now().getEpochSecond();
        Response forged = SignedSlackRequest.post(body, "application/x-www-form-urlencoded", now,
                SignedSlackRequest.sign("not-the-signing-secret", now, body));
        assertEquals(401, forged.statusCode());
        assertEquals("PENDING", status(id));
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> votes.forRequest(id).size()));
    }

    private String status(long id) {
        return QuarkusTransaction.requiringNew().call(() -> requests.findById(id).status.name());
    }

    private static Response click(String userId, String actionId, String value) {
        return SignedSlackRequest.post(SignedSlackRequest.blockActionBody(userId, actionId, value), "application/x-www-form-urlencoded", 0);
    }
}
