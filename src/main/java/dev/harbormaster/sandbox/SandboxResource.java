package dev.harbormaster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harbormaster.command.CommandRegistry;
import dev.harbormaster.slack.SlackConnection;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Driving and reading the sandbox workspace over HTTP (the contract in DESIGN.md), plus its page and live stream. */
@Path("/sandbox")
public class SandboxResource {

    @Inject
    SandboxFiles files;
    @Inject
    SandboxDriver driver;
    @Inject
    SandboxWorkspace workspace;
    @Inject
    SandboxFaults faults;
    @Inject
    SandboxApiLog apiLog;

    /** The page's files; served here rather than as static resources so that, with real Slack, they are 404 too. */
    private static final Map<String, String> PAGE_FILES = Map.of(
            "index.html", MediaType.TEXT_HTML + ";charset=utf-8",
            "sandbox.css", "text/css;charset=utf-8",
            "blockkit.js", "text/javascript;charset=utf-8",
            "sandbox.js", "text/javascript;charset=utf-8");
    private static final Duration STREAM_CHECK = Duration.ofMillis(200);

    @Inject
    CommandRegistry commands;
    @Inject
    SlackConnection connection;

    /** The chat client: channels, messages, modals, the acting user. */
    @GET
    public Response page() {
        return pageFile("index.html");
    }

    @GET
    @Path("/ui/{file}")
    public Response pageFile(@PathParam("file") String file) {
        String type = PAGE_FILES.get(file);
        if (type == null) {
            return Response.status(404).build();
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("sandbox/ui/" + file)) {
            if (in == null) {
                return Response.status(404).build();
            }
            return Response.ok(new String(in.readAllBytes(), StandardCharsets.UTF_8), type)
                    .header("Cache-Control", "no-cache").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Server-sent events: one event (the workspace's change counter) whenever a message or a modal changes,
     * so the page fetches again. Checked a few times a second: cheaper than it sounds for one local page, and
     * the workspace lock is never held by a stream.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<Long> stream() {
        return Multi.createFrom().ticks().every(STREAM_CHECK)
                .onOverflow().drop()
                .map(tick -> workspace.version())
                .skip().repetitions();
    }

    /** The slash commands the bot declares (commands/*.yaml), as Slack learns them from an app manifest. */
    @GET
    @Path("/commands")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> commands() {
        return Map.of("command", connection.slashCommand(), "commands", commands.specs());
    }

    @POST
    @Path("/suggest")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode suggest(JsonNode request) {
        return driver.suggest(request);
    }

    @POST
    @Path("/command")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode command(JsonNode request) {
        return driver.command(request);
    }

    @POST
    @Path("/click")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode click(JsonNode request) {
        return driver.click(request);
    }

    @POST
    @Path("/submit")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode submit(JsonNode request) {
        return driver.submit(request);
    }

    @POST
    @Path("/close")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode close(JsonNode request) {
        return driver.close(request);
    }

    /** The response_url Slack hands out with commands and clicks. */
    @POST
    @Path("/response/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> respond(@PathParam("id") String id, String body) {
        driver.respond(id, body);
        return Map.of("ok", true);
    }

    @GET
    @Path("/messages")
    @Produces(MediaType.APPLICATION_JSON)
    public ArrayNode messages(@QueryParam("channel") String channel, @QueryParam("user") String user) {
        return driver.messages(channel, user);
    }

    @GET
    @Path("/views")
    @Produces(MediaType.APPLICATION_JSON)
    public ArrayNode views(@QueryParam("user") String user) {
        return driver.views(user);
    }

    /** Users and channels by name, for the page and for scripts. */
    @GET
    @Path("/workspace")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode directory() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode json = nodes.objectNode();
        json.put("team_id", workspace.team().teamId());
        json.put("domain", workspace.team().domain());
        json.put("name", workspace.team().name() == null ? workspace.team().domain() : workspace.team().name());
        ArrayNode users = json.putArray("users");
        workspace.people().forEach(u -> users.addObject().put("name", u.name()).put("id", u.id())
                .put("real_name", u.realName()).put("title", u.title()).put("email", u.email()).put("admin", u.admin()));
        json.put("bot", workspace.bot().name());
        ArrayNode channels = json.putArray("channels");
        workspace.channels().forEach(c -> {
            ObjectNode channel = channels.addObject().put("name", c.name).put("id", c.id).put("im", c.im())
                    .put("private", c.isPrivate).put("topic", c.topic);
            ArrayNode members = channel.putArray("members");
            c.memberIds.forEach(id -> members.add(workspace.user(id).map(SandboxUser::name).orElse(id)));
        });
        return json;
    }

    @POST
    @Path("/reset")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> reset() {
        workspace.reset();
        files.reset();
        faults.clear();
        apiLog.clear();
        return Map.of("ok", true);
    }

    @GET
    @Path("/api-log")
    @Produces(MediaType.APPLICATION_JSON)
    public List<SandboxApiLog.Entry> apiLog() {
        return apiLog.entries();
    }

    /**
     * {@code {"method":"chat.postMessage","responses":[{"status":429,"retryAfter":2},{"status":500},{"delayMs":5000}]}}:
     * the next calls of the method get these answers in order; {@code delayMs} alone answers correctly but late, and
     * {@code "served":true} carries the call out before answering as scripted (the answer to a post that landed is lost).
     */
    @POST
    @Path("/faults")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> queueFaults(JsonNode request) {
        String method = request == null ? null : request.path("method").textValue();
        if (method == null || method.isBlank() || !request.path("responses").isArray() || request.path("responses").isEmpty()) {
            throw SandboxRequestException.badRequest("Give \"method\" and a non-empty \"responses\" array, e.g. "
                    + "{\"method\":\"chat.postMessage\",\"responses\":[{\"status\":429,\"retryAfter\":2},{\"status\":500}]}");
        }
        List<SandboxFaults.Fault> queued = new ArrayList<>();
        for (JsonNode response : request.get("responses")) {
            JsonNode retryAfter = response.has("retryAfter") ? response.get("retryAfter") : response.get("retry_after");
            int delayMs = Math.min(Math.max(0, response.path("delayMs").asInt(0)), SandboxFaults.Fault.MAX_DELAY_MS);
            queued.add(new SandboxFaults.Fault(response.path("status").asInt(200),
                    retryAfter == null ? null : retryAfter.asInt(), response.path("error").textValue(), delayMs,
                    response.path("served").asBoolean(false)));
        }
        faults.queue(method, queued);
        return Map.of("ok", true, "pending", faults.pending());
    }

    @GET
    @Path("/faults")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, List<SandboxFaults.Fault>> pendingFaults() {
        return faults.pending();
    }

    @DELETE
    @Path("/faults")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> clearFaults() {
        faults.clear();
        return Map.of("ok", true);
    }
}
