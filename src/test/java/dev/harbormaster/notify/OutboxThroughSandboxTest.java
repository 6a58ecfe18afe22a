package dev.harbormaster.notify;

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
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The outage drill, against the sandbox workspace rather than a test double: Slack answers
 * 429 (Retry-After: 2), then server errors, then recovers; every queued message arrives exactly once,
 * in order per channel.
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
}
