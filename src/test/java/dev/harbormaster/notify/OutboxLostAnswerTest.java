package dev.harbormaster.notify;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Slack takes a post but its answer is lost on the way back (issue 13, item 3): the sandbox carries the call out and
 * then answers with a proxy's 504. Every message must still land exactly once, and edits and thread replies must go
 * to the copy that landed.
 */
@QuarkusTest
class OutboxLostAnswerTest {

    @Inject
    Outbox outbox;
    @Inject
    EntityManager entityManager;

    @BeforeEach
    void quietOutboxAndSandbox() {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE outbox_message SET status = 'FAILED' WHERE status = 'PENDING'")
                .executeUpdate());
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
        RestAssured.delete("/sandbox/faults").then().statusCode(200);
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
                () -> texts(run).contains(run + " rollout succeeded") && texts(run).contains(run + " third"));

        assertEquals(List.of(run + " rollout succeeded", run + " second", run + " pod trouble", run + " third"), texts(run),
                "each message once; the edit reached the copy that landed");
        Map<String, Object> rollout = message(run + " rollout succeeded");
        Map<String, Object> reply = message(run + " pod trouble");
        assertEquals(rollout.get("ts"), reply.get("thread_ts"), "the reply is in the landed message's thread");
        assertEquals(0L, ((Number) QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select count(*) from outbox_message where text like ?1 and status <> 'SENT'")
                .setParameter(1, run + "%").getSingleResult())).longValue(), "all five recorded as sent");
    }

    /** Texts of the run's messages in #payments (thread replies included), oldest first. */
    private static List<String> texts(String run) {
        return messages().stream().map(m -> String.valueOf(m.get("text"))).filter(t -> t.startsWith(run)).toList();
    }

    private static Map<String, Object> message(String text) {
        return messages().stream().filter(m -> text.equals(m.get("text"))).findFirst().orElseThrow();
    }

    private static List<Map<String, Object>> messages() {
        return RestAssured.get("/sandbox/messages?channel=payments").jsonPath().getList("");
    }
}
