package dev.harbormaster.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Alertmanager's API v2, the parts silences need: create, expire, list. */
@ApplicationScoped
public class AlertmanagerClient {

    @Inject
    AlertSettings settings;
    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(3)).build();

    /** A silence as Alertmanager lists it. */
    public record Silence(String id, String state, Map<String, String> matchers, Instant startsAt, Instant endsAt,
                          String createdBy, String comment) {
    }

    /** Creates a silence of alerts with exactly these labels; returns its id. */
    public String createSilence(Alertmanagers.Target target, Map<String, String> matchers, Instant startsAt, Instant endsAt,
                                String createdBy, String comment) {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("matchers");
        matchers.forEach((name, value) -> list.addObject().put("name", name).put("value", value).put("isRegex", false)
                .put("isEqual", true));
        body.put("startsAt", startsAt.toString()).put("endsAt", endsAt.toString()).put("createdBy", createdBy)
                .put("comment", comment);
        JsonNode answer = send(target, "POST", "/api/v2/silences", body.toString());
        String id = answer.path("silenceID").asText("");
        if (id.isBlank()) {
            throw new AlertmanagerUnavailableException("Alertmanager `" + target.name() + "` answered without a silence id; no silence was confirmed.");
        }
        return id;
    }

    /** Expires a silence; one already expired is fine. */
    public void expireSilence(Alertmanagers.Target target, String id) {
        send(target, "DELETE", "/api/v2/silence/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null);
    }

    public List<Silence> silences(Alertmanagers.Target target) {
        JsonNode answer = send(target, "GET", "/api/v2/silences", null);
        List<Silence> silences = new ArrayList<>();
        for (JsonNode node : answer) {
            Map<String, String> matchers = new java.util.TreeMap<>();
            for (JsonNode m : node.path("matchers")) {
                boolean equal = !m.has("isEqual") || m.path("isEqual").asBoolean(true);
                String op = m.path("isRegex").asBoolean(false) ? (equal ? "=~" : "!~") : (equal ? "=" : "!=");
                matchers.put(m.path("name").asText(), op.equals("=") ? m.path("value").asText() : op + m.path("value").asText());
            }
            silences.add(new Silence(node.path("id").asText(), node.path("status").path("state").asText(), matchers,
                    time(node.path("startsAt")), time(node.path("endsAt")), node.path("createdBy").asText(""),
                    node.path("comment").asText("")));
        }
        return silences;
    }

    private JsonNode send(Alertmanagers.Target target, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url() + path))
                .timeout(settings.alertmanagerTimeout()).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (target.token() != null) {
            request.header("Authorization", "Bearer " + target.token());
        } else if (target.username() != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (target.username() + ":" + (target.password() == null ? "" : target.password())).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new AlertmanagerUnavailableException("Alertmanager `" + target.name() + "` did not answer within "
                    + settings.alertmanagerTimeout().toSeconds() + " s; nothing was changed there. Try again in a moment.");
        } catch (IOException e) {
            throw new AlertmanagerUnavailableException("Alertmanager `" + target.name() + "` cannot be reached ("
                    + e.getClass().getSimpleName() + "); nothing was changed there. Try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertmanagerUnavailableException("Interrupted while waiting for Alertmanager `" + target.name() + "`.");
        }
        if (response.statusCode() / 100 != 2) {
            String said = response.body() == null ? "" : response.body().strip().replaceAll("\\s+", " ");
            throw new AlertmanagerUnavailableException("Alertmanager `" + target.name() + "` refused it (HTTP "
                    + response.statusCode() + (said.isEmpty() ? "" : ": " + (said.length() > 200 ? said.substring(0, 200) + "…" : said)) + ").");
        }
        try {
            return response.body() == null || response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AlertmanagerUnavailableException("Alertmanager `" + target.name() + "` answered something that is not JSON.");
        }
    }

    private static Instant time(JsonNode node) {
        try {
            return node.isTextual() ? OffsetDateTime.parse(node.asText()).toInstant() : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
