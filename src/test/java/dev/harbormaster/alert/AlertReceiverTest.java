package dev.harbormaster.alert;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.harbormaster.alert.AlertPayloads.message;
import static dev.harbormaster.alert.AlertPayloads.notification;
import static dev.harbormaster.alert.AlertPayloads.post;
import static dev.harbormaster.testing.Await.waitFor;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The webhook over real HTTP, as Alertmanager (or someone who is not) calls it, and what reaches the sandbox's
 * channels: the owning team's message, edited in place, and the platform channel's hint for an unknown service.
 */
@QuarkusTest
class AlertReceiverTest {

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void reset() {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
    }

    private long stored() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from alert_notification").getSingleResult()).longValue());
    }

    @Test
    void withoutTheTokenNothingIsStoredAndTheAnswerIs401() {
        String body = notification("{}:{alertname=\"Unauthorised\"}", "firing", Map.of("alertname", "Unauthorised"),
                Map.of(), Instant.now(), List.of("aa01"));
        long before = stored();
        RestAssured.given().contentType("application/json").body(body).post("/alerts/alertmanager").then().statusCode(401);
        RestAssured.given().header("Authorization", "Bearer wrong").contentType("application/json").body(body)
                .post("/alerts/alertmanager").then().statusCode(401);
        RestAssured.given().header("Authorization", "Basic " + Base64.getEncoder().encodeToString("am:wrong".getBytes()))
                .contentType("application/json").body(body).post("/alerts/alertmanager").then().statusCode(401);
        assertEquals(before, stored());
        assertTrue(RestAssured.get("/q/metrics").asString().contains("harbormaster_alerts_received_total{outcome=\"unauthorised\"}"));
    }

    @Test
    void basicAuthIsAcceptedToo() {
        String body = notification("{}:{alertname=\"BasicAuth" + UUID.randomUUID() + "\"}", "firing",
                Map.of("alertname", "BasicAuth"), Map.of(), Instant.now(), List.of("ab01"));
        RestAssured.given().header("Authorization", "Basic " + Base64.getEncoder().encodeToString("am:test-alerts-password".getBytes()))
                .contentType("application/json").body(body).post("/alerts/alertmanager").then().statusCode(200);
    }

    @Test
    void aMalformedBodyIs400SayingWhatIsWrongAndAHugeOneIs413() {
        long before = stored();
        post("{\"status\": \"firing\", ").then().statusCode(400).body(containsString("not valid JSON"));
        post("{\"status\": \"firing\", \"alerts\": [{\"labels\": {\"a\": \"b\"}}]}").then().statusCode(400)
                .body(containsString("alerts[0].startsAt")).body(not(containsString("Exception")));
        post("[]").then().statusCode(400);
        post("").then().statusCode(400);
        post("[".repeat(5_000)).then().statusCode(400);
        post("{\"status\":\"firing\",\"alerts\":[{\"labels\":{\"a\":{\"nested\":1}},\"startsAt\":\"2026-01-01T00:00:00Z\"}]}")
                .then().statusCode(400).body(containsString("alerts[0].labels.a"));
        post("{\"status\":\"firing\",\"alerts\":[],\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}").then().statusCode(413);
        assertEquals(before, stored());
    }

    @Test
    void aCriticalAlertOfPaymentsApiReachesPaymentsNamingTheOnCallAndResolvingEditsTheSameMessage() {
        String name = "HighErrorRate" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> labels = Map.of("alertname", name, "service", "payments-api", "severity", "critical",
                "namespace", "payments");
        Map<String, String> annotations = Map.of("summary", "5xx above 5% <b>now</b>", "description", "Errors & timeouts");
        Instant started = Instant.now().minusSeconds(120);
        String key = "{}:{alertname=\"" + name + "\"}";
        long began = System.nanoTime();
        post(notification(key, "firing", labels, annotations, started, List.of("f1" + name, "f2" + name))).then().statusCode(200);
        long answeredMillis = (System.nanoTime() - began) / 1_000_000;
        assertTrue(answeredMillis < 2_000, "answered in " + answeredMillis + " ms");
        post(notification(key, "firing", labels, annotations, started, List.of("f1" + name, "f2" + name))).then().statusCode(200)
                .body(containsString("already received"));

        Map<String, Object> firing = message("payments", name, "Firing");
        String all = firing.get("text") + " " + firing.get("blocks");
        assertTrue(all.contains("<@UALICE>"), "names the on-call: " + all);
        assertTrue(all.contains("&lt;b&gt;now&lt;/b&gt;") && all.contains("Errors &amp; timeouts"), "escaped: " + all);
        assertTrue(all.contains("2 alerts firing") && all.contains("`production`"), all);
        assertTrue(all.contains("https://runbooks.example.com/payments-api") && all.contains("https://grafana.example.com/d/payments-api"), all);
        assertTrue(all.contains("alert.acknowledge") && all.contains("alert.silence.1h"), all);

        post(notification(key, "resolved", labels, annotations, started, List.of("f1" + name, "f2" + name))).then().statusCode(200);
        Map<String, Object> resolved = waitFor("the message edited to resolved", () -> {
            Map<String, Object> m = AlertPayloads.find("payments", name, "Resolved");
            return m != null && m.get("ts").equals(firing.get("ts")) && m.get("thread_ts") == null ? m : null;
        });
        assertEquals(Boolean.TRUE, resolved.get("edited"));
        assertTrue(String.valueOf(resolved.get("blocks")).contains("after 10m"), String.valueOf(resolved.get("blocks")));
        message("payments", "Resolved after 10m");
        assertEquals(1, AlertPayloads.messages("payments").stream()
                .filter(m -> m.get("thread_ts") == null && m.get("ephemeral_to") == null
                        && String.valueOf(m.get("text")).contains(name)).count(), "one message per group");
    }

    @Test
    void hostileLabelsAndAnnotationsAreEscapedAndTheMessageStaysWithinBlockKitLimits() throws Exception {
        String name = "Hostile" + UUID.randomUUID().toString().substring(0, 8);
        String huge = "<!channel> *bold* `tick` <https://evil.example|click me> & ".repeat(1_000);
        post(notification("{}:{alertname=\"" + name + "\"}", "firing",
                Map.of("alertname", name, "service", "payments-api", "severity", "<!here>"),
                Map.of("summary", huge, "description", huge, "runbook_url", "javascript:alert(1)", "dashboard_url", "https://user:pw@grafana.example/x"),
                Instant.now(), List.of("h1" + name))).then().statusCode(200);
        Map<String, Object> m = message("payments", name, "Firing");
        String raw = RestAssured.get("/sandbox/messages?channel=payments").asString();
        com.fasterxml.jackson.databind.JsonNode all = new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw);
        for (com.fasterxml.jackson.databind.JsonNode message : all) {
            if (message.path("ts").asText().equals(m.get("ts"))) {
                dev.harbormaster.testing.BlockKitAssertions.assertWithinLimits(message, 50, "a hostile alert");
                String blocks = message.path("blocks").toString();
                assertTrue(!blocks.contains("<!channel>") && !blocks.contains("<!here>") && !blocks.contains("<https://evil"), blocks);
                assertTrue(!blocks.contains("javascript:") && !blocks.contains("user:pw@"), "unsafe links are not buttons");
            }
        }
    }

    @Test
    void anAlertOfNoKnownServiceGoesToThePlatformChannelWithTheLabelToAdd() {
        String kube = AlertFixtures.read("webhook-kube-prometheus-no-version.json")
                .replace("KubeContainerWaiting", "KubeContainerWaiting" + UUID.randomUUID().toString().substring(0, 8));
        post(kube).then().statusCode(200);
        Map<String, Object> m = message("platform", "KubeContainerWaiting", "namespace");
        assertTrue(String.valueOf(m.get("blocks")).contains("No catalog environment runs in namespace"), String.valueOf(m.get("blocks")));

        String name = "Typo" + UUID.randomUUID().toString().substring(0, 8);
        post(notification("{}:{alertname=\"" + name + "\"}", "firing", Map.of("alertname", name, "service", "payment-api"),
                Map.of(), Instant.now(), List.of("t1" + name))).then().statusCode(200);
        Map<String, Object> typo = message("platform", name, "payment-api");
        assertTrue(String.valueOf(typo.get("blocks")).contains("payments-api"), "did you mean: " + typo.get("blocks"));
    }
}
