package dev.harbormaster.notify;

import dev.harbormaster.slack.SlackConnection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Outage drills against the sandbox workspace rather than a test double: Slack answers 429 (Retry-After: 2), then
 * server errors, then recovers; or Slack takes posts and their answers are lost on the way back (issue 13, item 3).
 * Every queued message arrives exactly once, in order per channel, and edits and replies reach the copy that landed.
 */
@QuarkusTest
class OutboxThroughSandboxTest {

    @Inject
    Outbox outbox;
    @Inject
    EntityManager entityManager;

    @BeforeEach
    void quietOutboxAndSandbox() {
        // Rows other test classes left pending would otherwise use up the scripted faults.
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE outbox_message SET status = 'FAILED' WHERE status = 'PENDING'")
                .executeUpdate());
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
        RestAssured.delete("/sandbox/faults").then().statusCode(200);
    }

    @Test
    void slackOutageLosesNothingAndSendsNothingTwice() {
        RestAssured.given().contentType("application/json")
                .body("""
                        {"method":"chat.postMessage","responses":[
                          {"status":429,"retryAfter":2},{"status":500},{"status":503},{"status":500}]}""")
                .post("/sandbox/faults").then().statusCode(200);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> payments = List.of("p1", "p2", "p3", "p4").stream().map(m -> run + "-" + m).toList();
        List<String> platform = List.of("q1", "q2", "q3").stream().map(m -> run + "-" + m).toList();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 4; i++) {
                outbox.enqueue(OutboundMessage.post("payments", payments.get(i), null));
                if (i < 3) {
                    outbox.enqueue(OutboundMessage.post("platform", platform.get(i), null));
                }
            }
        });

        Eventually.waitUntil(Duration.ofSeconds(90), "all seven messages reach the sandbox",
                () -> texts("payments", run).size() >= 4 && texts("platform", run).size() >= 3);

        assertEquals(payments, texts("payments", run), "payments: each once, in order");
        assertEquals(platform, texts("platform", run), "platform: each once, in order");
        String unserved = RestAssured.get("/sandbox/faults").asString();
        assertFalse(unserved.contains("\"status\""), "every scripted failure was served to the outbox: " + unserved);
    }

    private static List<String> texts(String channel, String run) {
        JsonPath messages = RestAssured.get("/sandbox/messages?channel=" + channel).jsonPath();
        return messages.<String>getList("text").stream().filter(t -> t != null && t.startsWith(run)).toList();
    }

    @Test
    void postsWhoseAnswerWasLostLandOnceAndTheirEditsAndRepliesFindThem() {
        RestAssured.given().contentType("application/json")
                .body("""
                        {"method":"chat.postMessage","responses":[
                          {"status":504,"served":true},{"status":502,"served":true},{"status":504,"served":true}]}""")
                .post("/sandbox/faults").then().statusCode(200);
        String run = UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(OutboundMessage.post("payments", run + " rollout started", null).withKey(run + "-rollout"));
            outbox.enqueue(OutboundMessage.post("payments", run + " second", null));
            outbox.enqueue(OutboundMessage.post("payments", run + " pod trouble", null).inThreadOf(run + "-rollout"));
            outbox.enqueue(OutboundMessage.post("payments", run + " third", null));
            outbox.enqueue(OutboundMessage.update("payments", run + "-rollout", run + " rollout succeeded", null));
        });

        Eventually.waitUntil(Duration.ofSeconds(90), "every message delivered and the rollout message edited",
                () -> texts("payments", run).contains(run + " rollout succeeded") && texts("payments", run).contains(run + " third"));

        assertEquals(List.of(run + " rollout succeeded", run + " second", run + " pod trouble", run + " third"), texts("payments", run),
                "each message once; the edit reached the copy that landed");
        Map<String, Object> rollout = paymentsMessage(run + " rollout succeeded");
        Map<String, Object> reply = paymentsMessage(run + " pod trouble");
        assertEquals(rollout.get("ts"), reply.get("thread_ts"), "the reply is in the landed message's thread");
        assertEquals(0L, ((Number) QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select count(*) from outbox_message where text like ?1 and status <> 'SENT'")
                .setParameter(1, run + "%").getSingleResult())).longValue(), "all five recorded as sent");
    }

    /**
     * The state a replica killed by -9 leaves when Slack had taken its post but its transaction had not committed: the
     * row is pending again, only the attempt mark (committed before the call) and the post in the channel remain.
     * Another replica's worker finds the post by its outbox id instead of posting it a second time.
     */
    @Test
    void aPostThatLandedJustBeforeItsReplicaDiedIsNotPostedAgain() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long id = QuarkusTransaction.requiringNew().call(() -> {
            outbox.enqueue(OutboundMessage.post("payments", run + " approval request", null));
            Number queued = (Number) entityManager.createNativeQuery("select id from outbox_message where text = ?1")
                    .setParameter(1, run + " approval request").getSingleResult();
            entityManager.createNativeQuery("update outbox_message set next_attempt_at = now() + interval '1 hour' "
                    + "where id = ?1").setParameter(1, queued).executeUpdate();
            return queued.longValue();
        });
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into outbox_post_attempt (outbox_id) values (?1)").setParameter(1, id).executeUpdate());
        RestAssured.given().header("Authorization", "Bearer " + SlackConnection.SANDBOX_BOT_TOKEN)
                .formParam("channel", "payments").formParam("text", run + " approval request")
                .formParam("metadata", "{\"event_type\":\"harbormaster_outbox\",\"event_payload\":{\"outbox_id\":" + id + "}}")
                .post("/sandbox/api/chat.postMessage").then().statusCode(200);

        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update outbox_message set next_attempt_at = now() where id = ?1").setParameter(1, id).executeUpdate());
        Eventually.waitUntil(Duration.ofSeconds(30), "the pending message recorded as sent", () -> "SENT".equals(
                QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select status from outbox_message where id = ?1").setParameter(1, id).getSingleResult())));
        assertEquals(List.of(run + " approval request"), texts("payments", run), "the post that landed, once");
    }

    private static Map<String, Object> paymentsMessage(String text) {
        return paymentsMessages().stream().filter(m -> text.equals(m.get("text"))).findFirst().orElseThrow();
    }

    private static List<Map<String, Object>> paymentsMessages() {
        return RestAssured.get("/sandbox/messages?channel=payments").jsonPath().getList("");
    }
}
