package dev.harbormaster.alert;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.harbormaster.alert.AlertPayloads.message;
import static dev.harbormaster.alert.AlertPayloads.notification;
import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flood: 500 alert groups for one team within 10 seconds over real HTTP. Every one is answered 200 and recorded;
 * the team's channel gets its first few groups and then one storm summary, not 500 messages.
 */
@QuarkusTest
class AlertStormTest {

    private static final int GROUPS = 500;
    private static final String CHANNEL = "platform";

    @Inject
    EntityManager entityManager;

    @Test
    void fiveHundredGroupsForOneTeamAreAllRecordedAndBecomeOneStormSummary() throws Exception {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
        String prefix = "Storm" + UUID.randomUUID().toString().substring(0, 6) + "-";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI webhook = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/alerts/alertmanager");
        ExecutorService senders = Executors.newFixedThreadPool(8);
        long began = System.nanoTime();
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            String name = prefix + i;
            String body = notification("{}:{alertname=\"" + name + "\"}", "firing",
                    Map.of("alertname", name, "service", "search-api", "severity", "warning"), Map.of("summary", "flood " + i),
                    Instant.now(), List.of("fp-" + name));
            answers.add(senders.submit(() -> http.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + AlertPayloads.TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode()));
        }
        for (Future<Integer> answer : answers) {
            assertEquals(200, answer.get());
        }
        senders.shutdown();
        long seconds = (System.nanoTime() - began) / 1_000_000_000;
        assertTrue(seconds < 10, "sent in " + seconds + " s");

        waitFor("all 500 groups and alerts recorded", () -> QuarkusTransaction.requiringNew().call(() -> {
            long groups = ((Number) entityManager.createNativeQuery("select count(*) from alert_group where alertname like ?1")
                    .setParameter(1, prefix + "%").getSingleResult()).longValue();
            long alerts = ((Number) entityManager.createNativeQuery("select count(*) from alert_record where alertname like ?1 and team = 'search'")
                    .setParameter(1, prefix + "%").getSingleResult()).longValue();
            return groups == GROUPS && alerts == GROUPS;
        }));
        // The sandbox has no #search: the team's messages go to its fallback, #platform, saying so.
        Map<String, Object> storm = message(CHANNEL, "Alert storm", prefix);
        waitFor("the summary edited to count every group past the threshold", () -> String.valueOf(
                AlertPayloads.find(CHANNEL, "Alert storm", prefix).get("text")).contains((GROUPS - 10) + " alert groups"));
        long own = AlertPayloads.messages(CHANNEL).stream().filter(m -> m.get("thread_ts") == null
                && !String.valueOf(m.get("text")).contains("Alert storm") && String.valueOf(m.get("text")).contains(prefix)).count();
        assertEquals(10, own, "the groups up to the threshold got their own message");
        assertEquals(1, AlertPayloads.messages(CHANNEL).stream()
                .filter(m -> String.valueOf(m.get("text")).contains("Alert storm")).count(), "one summary");
        assertTrue(String.valueOf(storm.get("blocks")).contains("#search"), "says which channel it was meant for");
    }
}
