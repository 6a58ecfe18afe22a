package dev.harbormaster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harbormaster.alert.Alertmanagers;
import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.Service;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code POST /sandbox/alerts}: fires (or resolves) a demo alert for a catalog service, the way Alertmanager would
 * notify: a version-4 webhook sent over HTTP to the bot's real {@code /alerts/alertmanager} with the real token.
 * The stand-in ({@link SandboxAlertmanager}) holds the alert, so an active silence keeps it quiet, as in Alertmanager.
 */
@Path("/sandbox/alerts")
public class SandboxAlerts {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    SandboxAlertmanager alertmanager;
    @Inject
    BotEndpoint bot;
    @Inject
    Catalog catalog;
    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Body: {@code service} (required), optional {@code severity} (default critical), {@code alertname} (default
     * DemoAlert), {@code summary}, {@code env} (an environment of the service: its namespace becomes a label) and
     * {@code status} ({@code firing} or {@code resolved}).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode fire(JsonNode request) {
        String serviceName = text(request, "service").orElseThrow(() -> SandboxRequestException.badRequest("Say which catalog service: {\"service\": \"payments-api\"}"));
        Optional<Service> service = QuarkusTransaction.requiringNew().call(() -> catalog.service(serviceName));
        if (service.isEmpty()) {
            throw SandboxRequestException.badRequest("No service " + serviceName + " in the catalog");
        }
        String status = text(request, "status").orElse("firing");
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw SandboxRequestException.badRequest("status is firing or resolved");
        }
        String alertname = text(request, "alertname").orElse("DemoAlert");
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", alertname);
        labels.put("service", serviceName);
        labels.put("severity", text(request, "severity").orElse("critical"));
        Optional<String> env = text(request, "env");
        if (env.isPresent()) {
            Environment environment = service.get().environments.stream().filter(e -> e.name.equals(env.get())).findFirst()
                    .orElseThrow(() -> SandboxRequestException.badRequest(serviceName + " has no environment " + env.get()));
            if (environment.namespace != null) {
                labels.put("namespace", environment.namespace);
            }
            if (environment.cluster != null) {
                labels.put("cluster", environment.cluster);
            }
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", text(request, "summary").orElse("Demo alert fired from the sandbox for " + serviceName));
        annotations.put("description", "Fired with POST /sandbox/alerts; it reached the bot through its real webhook.");
        SandboxAlertmanager.Alert alert = alertmanager.hold(labels, annotations, status.equals("resolved"));
        ObjectNode answer = json.createObjectNode().put("alertname", alertname).put("fingerprint", alert.fingerprint());
        List<String> silencedBy = alertmanager.silencedBy(labels, Instant.now());
        if (!silencedBy.isEmpty()) {
            return answer.put("sent", false).put("silencedBy", String.join(",", silencedBy));
        }
        int botStatus = send(notification(alert, status));
        return answer.put("sent", botStatus == 200).put("status", botStatus);
    }

    private String notification(SandboxAlertmanager.Alert alert, String status) {
        ObjectNode root = json.createObjectNode().put("version", "4").put("status", status).put("receiver", "harbormaster")
                .put("externalURL", Alertmanagers.sandboxUrl()).put("truncatedAlerts", 0)
                .put("groupKey", "{}:{alertname=\"" + alert.labels().get("alertname") + "\", service=\""
                        + alert.labels().get("service") + "\"}");
        ObjectNode group = root.putObject("groupLabels");
        group.put("alertname", alert.labels().get("alertname")).put("service", alert.labels().get("service"));
        ObjectNode common = root.putObject("commonLabels");
        alert.labels().forEach(common::put);
        ObjectNode commonAnnotations = root.putObject("commonAnnotations");
        alert.annotations().forEach(commonAnnotations::put);
        ArrayNode alerts = root.putArray("alerts");
        ObjectNode one = alerts.addObject().put("status", status).put("fingerprint", alert.fingerprint())
                .put("startsAt", alert.startsAt().toString())
                .put("endsAt", alert.endsAt() == null ? "0001-01-01T00:00:00Z" : alert.endsAt().toString())
                .put("generatorURL", bot.baseUrl() + "/sandbox");
        one.set("labels", common.deepCopy());
        one.set("annotations", commonAnnotations.deepCopy());
        return root.toString();
    }

    private int send(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bot.baseUrl() + "/alerts/alertmanager")).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + alertmanager.token().orElse(""))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new SandboxRequestException(502, "The bot did not answer at /alerts/alertmanager: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxRequestException(503, "Interrupted while waiting for the bot");
        }
    }

    private static Optional<String> text(JsonNode request, String field) {
        JsonNode node = request == null ? null : request.get(field);
        return node != null && node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().strip()) : Optional.empty();
    }
}
