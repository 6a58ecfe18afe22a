package dev.harbormaster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harbormaster.alert.AlertCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small stand-in for Alertmanager's API v2 in the sandbox, used when no real Alertmanager is configured: it
 * keeps the demo alerts the sandbox fires and the silences the bot makes (create, expire, list), enough for the
 * Silence buttons and the {@code silence}, {@code silences} and {@code unsilence} commands. Only equality matchers;
 * it wants the same bearer token the bot's webhook does. Kept in memory: a restart forgets it, like the sandbox.
 */
@ApplicationScoped
@Path("/sandbox/alertmanager/api/v2")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxAlertmanager {

    @Inject
    AlertCredentials credentials;
    @Inject
    ObjectMapper json;

    /** A silence as stored: equality matchers only. */
    record Silence(String id, Map<String, String> matchers, Instant startsAt, Instant endsAt, String createdBy,
                   String comment, Instant updatedAt) {

        String state(Instant now) {
            return !endsAt.isAfter(now) ? "expired" : startsAt.isAfter(now) ? "pending" : "active";
        }

        boolean covers(Map<String, String> labels, Instant now) {
            return "active".equals(state(now)) && matchers.entrySet().stream()
                    .allMatch(m -> m.getValue().equals(labels.get(m.getKey())));
        }
    }

    /** A demo alert as the stand-in holds it. */
    record Alert(String fingerprint, Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                 Instant endsAt) {
    }

    private final Map<String, Silence> silences = new ConcurrentHashMap<>();
    private final Map<String, Alert> alerts = new ConcurrentHashMap<>();

    @POST
    @Path("/silences")
    public Response createSilence(@HeaderParam("Authorization") String authorization, String body) {
        if (!credentials.authorised(authorization)) {
            return Response.status(401).build();
        }
        try {
            JsonNode silence = json.readTree(body);
            Map<String, String> matchers = new TreeMap<>();
            for (JsonNode matcher : silence.path("matchers")) {
                if (matcher.path("isRegex").asBoolean(false) || !matcher.path("isEqual").asBoolean(true)) {
                    return Response.status(400).entity("\"the sandbox's stand-in takes equality matchers only\"").build();
                }
                matchers.put(matcher.path("name").asText(), matcher.path("value").asText());
            }
            if (matchers.isEmpty()) {
                return Response.status(400).entity("\"silence needs at least one matcher\"").build();
            }
            Instant startsAt = OffsetDateTime.parse(silence.path("startsAt").asText()).toInstant();
            Instant endsAt = OffsetDateTime.parse(silence.path("endsAt").asText()).toInstant();
            String id = UUID.randomUUID().toString();
            silences.put(id, new Silence(id, matchers, startsAt, endsAt, silence.path("createdBy").asText(""),
                    silence.path("comment").asText(""), Instant.now()));
            return Response.ok(json.createObjectNode().put("silenceID", id)).build();
        } catch (java.io.IOException | DateTimeParseException e) {
            return Response.status(400).entity("\"not a postable silence\"").build();
        }
    }

    @DELETE
    @Path("/silence/{id}")
    public Response expireSilence(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        if (!credentials.authorised(authorization)) {
            return Response.status(401).build();
        }
        Silence silence = silences.get(id);
        if (silence == null) {
            return Response.status(404).entity("\"silence not found\"").build();
        }
        Instant now = Instant.now();
        silences.put(id, new Silence(id, silence.matchers(), silence.startsAt(), silence.endsAt().isAfter(now) ? now : silence.endsAt(),
                silence.createdBy(), silence.comment(), now));
        return Response.ok().build();
    }

    @GET
    @Path("/silences")
    public Response listSilences(@HeaderParam("Authorization") String authorization) {
        if (!credentials.authorised(authorization)) {
            return Response.status(401).build();
        }
        Instant now = Instant.now();
        ArrayNode list = json.createArrayNode();
        silences.values().stream().sorted((a, b) -> b.updatedAt().compareTo(a.updatedAt())).forEach(s -> {
            ObjectNode node = list.addObject().put("id", s.id()).put("createdBy", s.createdBy()).put("comment", s.comment())
                    .put("startsAt", s.startsAt().toString()).put("endsAt", s.endsAt().toString())
                    .put("updatedAt", s.updatedAt().toString());
            node.putObject("status").put("state", s.state(now));
            ArrayNode matchers = node.putArray("matchers");
            s.matchers().forEach((name, value) -> matchers.addObject().put("name", name).put("value", value)
                    .put("isRegex", false).put("isEqual", true));
        });
        return Response.ok(list).build();
    }

    @GET
    @Path("/alerts")
    public Response listAlerts(@HeaderParam("Authorization") String authorization) {
        if (!credentials.authorised(authorization)) {
            return Response.status(401).build();
        }
        Instant now = Instant.now();
        ArrayNode list = json.createArrayNode();
        alerts.values().stream().filter(a -> a.endsAt() == null || a.endsAt().isAfter(now)).forEach(a -> {
            ObjectNode node = list.addObject().put("fingerprint", a.fingerprint()).put("startsAt", a.startsAt().toString());
            ObjectNode labels = node.putObject("labels");
            a.labels().forEach(labels::put);
            ObjectNode annotations = node.putObject("annotations");
            a.annotations().forEach(annotations::put);
            List<String> silencedBy = silencedBy(a.labels(), now);
            node.putObject("status").put("state", silencedBy.isEmpty() ? "active" : "suppressed")
                    .set("silencedBy", json.valueToTree(silencedBy));
        });
        return Response.ok(list).build();
    }

    /** Remembers a demo alert (a new one, or the same labels firing or resolving again); returns it as held. */
    Alert hold(Map<String, String> labels, Map<String, String> annotations, boolean resolved) {
        String fingerprint = fingerprint(labels);
        Instant now = Instant.now();
        Alert held = alerts.compute(fingerprint, (key, before) -> {
            boolean continuing = before != null && (before.endsAt() == null || resolved);
            Instant startsAt = continuing ? before.startsAt() : now;
            return new Alert(fingerprint, labels, annotations, startsAt, resolved ? now : null);
        });
        return held;
    }

    /** The ids of the active silences that cover these labels: Alertmanager does not notify such an alert. */
    List<String> silencedBy(Map<String, String> labels, Instant now) {
        List<String> ids = new ArrayList<>();
        silences.values().stream().filter(s -> s.covers(labels, now)).forEach(s -> ids.add(s.id()));
        return ids;
    }

    Optional<String> token() {
        return credentials.token();
    }

    private static String fingerprint(Map<String, String> labels) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(new TreeMap<>(labels).toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
