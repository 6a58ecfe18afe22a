package dev.harbormaster.approval;

import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.testing.SignedSlackRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Approvers while Slack's Web API is slow or down (issue 13, item 2): who someone is comes from PostgreSQL, and a
 * click is acknowledged before anything may wait on Slack.
 */
@QuarkusTest
class SlowSlackApprovalTest {

    @Inject
    CatalogImport catalogImport;
    @Inject
    ApprovalEngine engine;
    @Inject
    ApprovalRequestRepository requests;
    @Inject
    ApprovalVoteRepository votes;
    @Inject
    EntityManager entityManager;

    @BeforeEach
    void resetSandbox() {
        ApprovalSandbox.reset();
    }

    @Test
    void anApproverSlackKnewEarlierIsServedWithinTheDeadlineWhileSlackHangs() {
        ApprovalSandbox scenario = new ApprovalSandbox(catalogImport, 2);
        long id = transferAskedByAlice(scenario);
        rememberBob("now() - interval '3 hours'");
        slackAnswers("users.info", Collections.nCopies(3, Map.of("delayMs", 8000, "status", 503)));
        slackAnswers("users.lookupByEmail", Collections.nCopies(3, Map.of("delayMs", 8000, "status", 503)));

        long started = System.nanoTime();
        Response ack = SignedSlackRequest.post(
                SignedSlackRequest.blockActionBody("UBOB", ApprovalRequestMessage.APPROVE_ACTION, Long.toString(id)),
                "application/x-www-form-urlencoded", 0);
        long ackMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, ack.statusCode());
        assertTrue(ackMillis < 3000, "Slack gives a click 3 s; the ack took " + ackMillis + " ms while users.info hung for 8 s");

        waitFor("bob's approval to count", () -> votesOn(id) == 1 ? true : null);
        waitFor("#" + id + " to leave PENDING", () -> "PENDING".equals(status(id)) ? null : true);
    }

    @Test
    void someoneSlackNeverNamedIsToldWhyAndCountedOnceSlackAnswers() {
        ApprovalSandbox scenario = new ApprovalSandbox(catalogImport, 2);
        long id = transferAskedByAlice(scenario);
        QuarkusTransaction.requiringNew().run(() ->
                entityManager.createNativeQuery("delete from slack_identity where user_id = 'UBOB'").executeUpdate());
        slackAnswers("users.info", List.of(Map.of("status", 503)));

        EngineAnswer whileDown = engine.vote(id, "UBOB", true, null);
        assertTrue(whileDown.message().startsWith("You are not one of the approvers of #" + id), whileDown.message());
        assertTrue(whileDown.message().contains("Slack has not told me your email yet"), whileDown.message());
        assertEquals(0, votesOn(id));

        EngineAnswer onceUp = engine.vote(id, "UBOB", true, null);
        assertTrue(onceUp.accepted(), onceUp.message());
        assertEquals(1, votesOn(id));
    }

    private long transferAskedByAlice(ApprovalSandbox scenario) {
        SubmitResult asked = engine.submit("service transfer", Map.of("name", scenario.service, "to", scenario.newOwners),
                "UALICE", null, null);
        return assertInstanceOf(SubmitResult.Pending.class, asked).requestId();
    }

    private void rememberBob(String refreshedAt) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                insert into slack_identity (user_id, email, refreshed_at) values ('UBOB', 'bob@example.com', %s)
                on conflict (user_id) do update set email = excluded.email, refreshed_at = excluded.refreshed_at"""
                .formatted(refreshedAt)).executeUpdate());
    }

    private static void slackAnswers(String method, List<Map<String, Object>> responses) {
        RestAssured.given().contentType("application/json").body(Map.of("method", method, "responses", responses))
                .post("/sandbox/faults").then().statusCode(200);
    }

    private long votesOn(long id) {
        return QuarkusTransaction.requiringNew().call(() -> votes.forRequest(id).size());
    }

    private String status(long id) {
        return QuarkusTransaction.requiringNew().call(() -> requests.findById(id).status.name());
    }
}
