package dev.harbormaster.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.harbormaster.testing.Await.waitFor;

/** Webhook notifications as Alertmanager sends them, and the sandbox channels they should reach. */
final class AlertPayloads {

    static final String TOKEN = "test-alerts-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertPayloads() {
    }

    /** A version-4 notification of one group with one alert per fingerprint in {@code fingerprints}. */
    static String notification(String groupKey, String status, Map<String, String> labels, Map<String, String> annotations,
                               Instant startsAt, List<String> fingerprints) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "4").put("groupKey", groupKey).put("status", status).put("receiver", "harbormaster")
                .put("externalURL", "http://alertmanager.example:9093").put("truncatedAlerts", 0);
        ArrayNode alerts = root.putArray("alerts");
        for (String fingerprint : fingerprints) {
            ObjectNode alert = alerts.addObject().put("status", status);
            ObjectNode l = alert.putObject("labels");
            labels.forEach(l::put);
            l.put("instance", fingerprint);
            ObjectNode a = alert.putObject("annotations");
            annotations.forEach(a::put);
            alert.put("startsAt", startsAt.toString())
                    .put("endsAt", "resolved".equals(status) ? startsAt.plusSeconds(600).toString() : "0001-01-01T00:00:00Z")
                    .put("generatorURL", "http://prometheus.example:9090/graph?g0.expr=up")
                    .put("fingerprint", fingerprint);
        }
        ObjectNode groupLabels = root.putObject("groupLabels");
        groupLabels.put("alertname", labels.getOrDefault("alertname", "x"));
        ObjectNode common = root.putObject("commonLabels");
        labels.forEach(common::put);
        ObjectNode commonAnnotations = root.putObject("commonAnnotations");
        annotations.forEach(commonAnnotations::put);
        return root.toString();
    }

    static Response post(String body) {
        return RestAssured.given().header("Authorization", "Bearer " + TOKEN).contentType("application/json")
                .body(body).post("/alerts/alertmanager");
    }

    static List<Map<String, Object>> messages(String channel) {
        return RestAssured.get("/sandbox/messages?channel=" + channel).jsonPath().getList("");
    }

    /** The first message in the channel whose text and blocks contain every part. */
    static Map<String, Object> find(String channel, String... parts) {
        return messages(channel).stream().filter(m -> {
            String all = m.get("text") + " " + m.get("blocks");
            for (String part : parts) {
                if (!all.contains(part)) {
                    return false;
                }
            }
            return true;
        }).findFirst().orElse(null);
    }

    static Map<String, Object> message(String channel, String... parts) {
        return waitFor("a message in #" + channel + " with " + List.of(parts), () -> find(channel, parts));
    }

    static long count(String channel, String part) {
        return messages(channel).stream().filter(m -> (m.get("text") + " " + m.get("blocks")).contains(part)).count();
    }
}
