package dev.harbormaster.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.harbormaster.alert.AlertPayloads.find;
import static dev.harbormaster.alert.AlertPayloads.message;
import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receiver against real Alertmanager 0.25 processes on loopback ({@link RealAlertmanagers}): alerts go in through
 * Alertmanager's API, its webhook reaches the bot with the bearer token, and the buttons act on the same
 * Alertmanager, read back through its API.
 */
@QuarkusTest
@TestProfile(RealAlertmanagers.Profile.class)
class AlertmanagerRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void reset() {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
    }

    private static String url(String name) {
        return ConfigProvider.getConfig().getValue("harbormaster.alerts.alertmanagers." + name + ".url", String.class);
    }

    /** POST /api/v2/alerts as Prometheus would: with the start (and, to resolve, the end) it decided. */
    private void postAlert(String alertmanager, Map<String, String> labels, Instant startsAt, Instant endsAt) throws Exception {
        var alert = JSON.createObjectNode();
        labels.forEach(alert.putObject("labels")::put);
        alert.putObject("annotations").put("summary", "Payments are failing").put("runbook_url", "https://runbooks.example.com/payments-5xx");
        alert.put("startsAt", startsAt.toString()).put("generatorURL", "http://prometheus.example:9090/graph?g0.expr=up");
        if (endsAt != null) {
            alert.put("endsAt", endsAt.toString());
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(alertmanager) + "/api/v2/alerts"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createArrayNode().add(alert).toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private JsonNode silences(String alertmanager) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url(alertmanager) + "/api/v2/silences"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void click(String user, Map<String, Object> message, String actionId) {
        Matcher value = Pattern.compile("value=(\\d+)").matcher(String.valueOf(message.get("blocks")));
        assertTrue(value.find(), "no button in " + message.get("blocks"));
        RestAssured.given().contentType("application/json")
                .body(Map.of("user", user, "channel", "payments", "ts", message.get("ts"), "action_id", actionId, "value", value.group(1)))
                .post("/sandbox/click").then().statusCode(200);
    }

    @Test
    void aCriticalPaymentsAlertReachesPaymentsIsSilencedUnsilencedAcknowledgedAndResolvesInPlace() throws Exception {
        String name = "PaymentsFailing" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> labels = Map.of("alertname", name, "service", "payments-api", "severity", "critical", "namespace", "payments");
        Instant startsAt = Instant.now().minusSeconds(30);
        long sent = System.nanoTime();
        postAlert("single", labels, startsAt, null);
        Map<String, Object> firing = message("payments", name, "Firing");
        long millis = (System.nanoTime() - sent) / 1_000_000;
        assertTrue(millis < 1_000 + 2_000 + 1_500, "arrived " + millis + " ms after the alert (group_wait 1 s + 2 s, and the outbox)");
        String text = firing.get("text") + " " + firing.get("blocks");
        assertTrue(text.contains("<@UALICE>"), "names the on-call: " + text);
        assertTrue(text.contains("https://runbooks.example.com/payments-5xx"), "runbook from the annotation: " + text);

        click("alice", firing, AlertGroupMessage.SILENCE_1H);
        JsonNode silence = waitFor("an active silence in Alertmanager", () -> {
            try {
                for (JsonNode s : silences("single")) {
                    if ("active".equals(s.path("status").path("state").asText()) && s.toString().contains(name)) {
                        return s;
                    }
                }
                return null;
            } catch (Exception e) {
                return null;
            }
        });
        assertTrue(silence.path("createdBy").asText().contains("alice"), silence.toString());
        Duration length = Duration.between(Instant.parse(silence.path("startsAt").asText()), Instant.parse(silence.path("endsAt").asText()));
        assertTrue(Math.abs(length.toSeconds() - 3600) < 5, "one hour: " + length);
        Map<String, Object> silenced = message("payments", name, "Silenced by <@UALICE>", "alert.unsilence");

        click("alice", silenced, AlertGroupMessage.UNSILENCE);
        String id = silence.path("id").asText();
        waitFor("the silence expired in Alertmanager", () -> {
            try {
                for (JsonNode s : silences("single")) {
                    if (s.path("id").asText().equals(id)) {
                        return "expired".equals(s.path("status").path("state").asText());
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });

        click("alice", message("payments", name, "alert.acknowledge"), AlertGroupMessage.ACKNOWLEDGE);
        message("payments", name, "Acknowledged by <@UALICE>");

        postAlert("single", labels, startsAt, Instant.now().minusSeconds(1));
        Map<String, Object> resolved = message("payments", name, "Resolved");
        assertEquals(firing.get("ts"), resolved.get("ts"), "the same message, edited");
        assertEquals(1, AlertPayloads.messages("payments").stream()
                .filter(m -> m.get("thread_ts") == null && m.get("ephemeral_to") == null
                        && String.valueOf(m.get("text")).contains(name)).count());
    }

    @Test
    void anHaPairSendingTheSameGroupMakesOneMessage() throws Exception {
        String name = "HaPair" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> labels = Map.of("alertname", name, "service", "payments-api", "severity", "warning");
        Instant startsAt = Instant.now().minusSeconds(10);
        postAlert("ha1", labels, startsAt, null);
        postAlert("ha2", labels, startsAt, null);
        message("payments", name, "Firing");
        // Both members notify unless gossip told the second the first had: wait past the second's turn.
        Thread.sleep(4_000);
        assertEquals(1, AlertPayloads.messages("payments").stream()
                .filter(m -> m.get("thread_ts") == null && m.get("ephemeral_to") == null
                        && String.valueOf(m.get("text")).contains(name)).count());
        assertTrue(find("payments", name, "1 alert firing") != null);
    }
}
