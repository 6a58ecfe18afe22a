package dev.harbormaster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a person does in the sandbox, turned into what Slack would send the bot: a slash command, a click, a
 * modal submitted or closed. Also what Slack does with the bot's answers: the ack, response_url posts, and
 * the view_submission response actions. Never holds the workspace lock while waiting for the bot.
 */
@ApplicationScoped
public class SandboxDriver {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Slack's legacy verification token field; the bot verifies signatures instead, so any value will do. */
    private static final String VERIFICATION_TOKEN = "sandbox-verification-token";

    @Inject
    SandboxWorkspace workspace;
    @Inject
    SandboxWebApi shapes;
    @Inject
    BotEndpoint bot;
    @Inject
    SlackConnection connection;
    @Inject
    ObjectMapper json;

    // ---- slash commands ----------------------------------------------------------------------------

    ObjectNode command(JsonNode request) {
        SandboxUser user = workspace.requireUser(required(request, "user"));
        SandboxChannel channel = workspace.requireChannel(required(request, "channel"));
        workspace.joinToType(channel, user);
        String command = Optional.ofNullable(request.path("command").textValue()).orElse(connection.slashCommand());
        String text = request.path("text").asText("");
        String triggerId = workspace.issueTrigger(user.id());
        String responseUrl = responseUrl(workspace.issueResponseUrl(user.id(), channel.id, null));
        SandboxSeed.Workspace team = workspace.team();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", VERIFICATION_TOKEN);
        form.put("team_id", team.teamId());
        form.put("team_domain", team.domain());
        form.put("channel_id", channel.id);
        form.put("channel_name", channel.im() ? "directmessage" : channel.name);
        form.put("user_id", user.id());
        form.put("user_name", user.name());
        form.put("command", command.startsWith("/") ? command : "/" + command);
        form.put("text", text);
        form.put("api_app_id", workspace.botSeed().appId());
        form.put("is_enterprise_install", "false");
        form.put("response_url", responseUrl);
        form.put("trigger_id", triggerId);
        BotEndpoint.Answer answer = bot.post(formBody(form), BotEndpoint.FORM);
        JsonNode ack = answer.ack(json);
        ObjectNode result = NODES.objectNode();
        result.put("status", answer.status());
        result.set("ack", ack);
        result.put("response_url", responseUrl);
        result.put("trigger_id", triggerId);
        if (answer.status() == 200 && ack.isObject() && (ack.hasNonNull("text") || ack.hasNonNull("blocks"))) {
            boolean inChannel = "in_channel".equals(ack.path("response_type").asText());
            JsonNode given = ack.get("blocks");
            boolean refused = given != null && !given.isNull() && !SandboxBlocks.valid(given)
                    || ack.path("text").asText("").length() > 40_000;
            // Slack shows nothing of an answer it refuses, only an error line to the person who typed the command
            SandboxMessage message = refused
                    ? workspace.post(channel, workspace.bot().id(), form.get("command") + " failed with the error \"invalid_blocks\"",
                            null, null, user.id())
                    : workspace.post(channel, workspace.bot().id(), ack.path("text").asText(""), validBlocksOrNull(given),
                            null, inChannel ? null : user.id());
            result.put("message_ts", message.ts);
            if (refused) {
                result.put("error", "invalid_blocks");
            }
        }
        return result;
    }

    // ---- response_url ------------------------------------------------------------------------------

    /** A post to a response_url: a new message (ephemeral unless in_channel), or replacing / deleting the source. */
    void respond(String id, String body) {
        SandboxWorkspace.ResponseTarget target = workspace.useResponseUrl(id);
        JsonNode reply;
        try {
            reply = json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            throw new SandboxRequestException(400, "invalid_payload");
        }
        SandboxChannel channel = workspace.channel(target.channelId).orElseThrow();
        Optional<SandboxMessage> original = target.messageTs == null ? Optional.empty()
                : workspace.message(channel.id, target.messageTs);
        if (reply.path("delete_original").asBoolean(false)) {
            original.ifPresent(m -> workspace.delete(channel.id, m.ts));
            return;
        }
        JsonNode blocks = reply.get("blocks");
        if (blocks != null && !blocks.isNull() && !SandboxBlocks.valid(blocks)) {
            throw new SandboxRequestException(400, "invalid_blocks");
        }
        String text = reply.path("text").asText("");
        if (text.length() > 40_000) {
            throw new SandboxRequestException(400, "msg_too_long");
        }
        ArrayNode blockArray = blocks == null || blocks.isNull() ? null : (ArrayNode) blocks;
        if (text.isBlank() && (blockArray == null || blockArray.isEmpty())) {
            throw new SandboxRequestException(400, "no_text");
        }
        if (reply.path("replace_original").asBoolean(false) && original.isPresent()) {
            workspace.edit(original.get(), text, blockArray, false);
            return;
        }
        boolean inChannel = "in_channel".equals(reply.path("response_type").asText());
        String threadTs = reply.path("thread_ts").textValue();
        workspace.post(channel, workspace.bot().id(), text, blockArray, threadTs, inChannel ? null : target.userId);
    }

    // ---- clicks ------------------------------------------------------------------------------------

    ObjectNode click(JsonNode request) {
        SandboxUser user = workspace.requireUser(required(request, "user"));
        String actionId = required(request, "action_id");
        String value = request.hasNonNull("value") ? request.get("value").asText() : null;
        String actionTs = actionTs();
        ObjectNode payload = NODES.objectNode();
        payload.put("type", "block_actions");
        payload.set("user", userJson(user));
        payload.put("api_app_id", workspace.botSeed().appId());
        payload.put("token", VERIFICATION_TOKEN);
        String triggerId = workspace.issueTrigger(user.id());
        String responseUrl = null;
        SandboxBlocks.Action action;
        if (request.hasNonNull("view_id")) {
            SandboxView view = openViewOf(user, request.get("view_id").asText());
            action = SandboxBlocks.findAction(view.json.get("blocks"), actionId, value, actionTs, this::userId, this::channelId);
            payload.putObject("container").put("type", "view").put("view_id", view.id);
            payload.put("trigger_id", triggerId);
            payload.set("team", teamJson());
            payload.putNull("enterprise");
            payload.put("is_enterprise_install", false);
            payload.set("view", view.json);
        } else {
            SandboxChannel channel = workspace.requireChannel(required(request, "channel"));
            String ts = required(request, "ts");
            SandboxMessage message = workspace.message(channel.id, ts).filter(m -> m.visibleTo(user.id()))
                    .orElseThrow(() -> SandboxRequestException.badRequest("No message " + ts + " in " + channel.name
                            + " that " + user.name() + " can see"));
            action = SandboxBlocks.findAction(message.blocks, actionId, value, actionTs, this::userId, this::channelId);
            boolean ephemeral = message.ephemeralTo != null;
            responseUrl = responseUrl(workspace.issueResponseUrl(user.id(), channel.id, message.ts));
            ObjectNode container = payload.putObject("container");
            container.put("type", "message");
            container.put("message_ts", message.ts);
            container.put("channel_id", channel.id);
            container.put("is_ephemeral", ephemeral);
            payload.put("trigger_id", triggerId);
            payload.set("team", teamJson());
            payload.putNull("enterprise");
            payload.put("is_enterprise_install", false);
            payload.set("channel", NODES.objectNode().put("id", channel.id).put("name", channel.im() ? "directmessage" : channel.name));
            if (!ephemeral) {
                payload.set("message", shapes.messageJson(message));
            }
            payload.putObject("state").putObject("values");
            payload.put("response_url", responseUrl);
        }
        payload.set("actions", NODES.arrayNode().add(action.payload()));
        BotEndpoint.Answer answer = bot.post("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8), BotEndpoint.FORM);
        ObjectNode result = NODES.objectNode();
        result.put("status", answer.status());
        result.set("ack", answer.ack(json));
        result.put("trigger_id", triggerId);
        result.put("response_url", responseUrl);
        return result;
    }

    // ---- modals ------------------------------------------------------------------------------------

    ObjectNode submit(JsonNode request) {
        SandboxUser user = workspace.requireUser(required(request, "user"));
        SandboxView view = openViewOf(user, required(request, "view_id"));
        var stack = workspace.viewStack(user.id());
        if (stack.get(stack.size() - 1) != view) {
            throw SandboxRequestException.badRequest("View " + view.id + " is not the one " + user.name()
                    + " sees: the top of the stack is " + stack.get(stack.size() - 1).id);
        }
        ObjectNode state = SandboxBlocks.stateValues(view.json.get("blocks"), request.get("values"), this::userId, this::channelId);
        ObjectNode submitted = view.json.deepCopy();
        submitted.putObject("state").set("values", state);
        ObjectNode payload = NODES.objectNode();
        payload.put("type", "view_submission");
        payload.set("team", teamJson());
        payload.set("user", userJson(user));
        payload.put("api_app_id", workspace.botSeed().appId());
        payload.put("token", VERIFICATION_TOKEN);
        payload.put("trigger_id", workspace.issueTrigger(user.id()));
        payload.set("view", submitted);
        payload.putArray("response_urls");
        payload.put("is_enterprise_install", false);
        payload.putNull("enterprise");
        BotEndpoint.Answer answer = bot.post("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8), BotEndpoint.FORM);
        JsonNode ack = answer.ack(json);
        String action = ack.isObject() ? ack.path("response_action").asText("") : "";
        ObjectNode result = NODES.objectNode();
        result.put("status", answer.status());
        result.put("response_action", action.isEmpty() ? null : action);
        ObjectNode errors = result.putObject("errors");
        if (answer.status() != 200) {
            result.put("view_id", view.id);
            return result;
        }
        switch (action) {
            case "errors" -> {
                Map<String, String> shown = new LinkedHashMap<>();
                ack.path("errors").properties().forEach(e -> shown.put(e.getKey(), e.getValue().asText()));
                shown.forEach(errors::put);
                workspace.showErrors(view, shown, state);
            }
            case "update" -> workspace.replace(view, modal(ack.get("view")));
            case "push" -> {
                try {
                    result.put("pushed_view_id", workspace.push(user.id(), modal(ack.get("view"))).id);
                } catch (SlackApiError full) {
                    throw SandboxRequestException.badRequest("The bot pushed a view but " + full.error);
                }
            }
            case "clear" -> workspace.clearViews(user.id());
            default -> workspace.close(view);
        }
        result.put("view_id", view.id);
        return result;
    }

    /**
     * A person typing into an external_select in a modal: Slack asks the bot for options with a signed
     * {@code block_suggestion} and shows what comes back ({@code options} or {@code option_groups}).
     */
    ObjectNode suggest(JsonNode request) {
        SandboxUser user = workspace.requireUser(required(request, "user"));
        SandboxView view = openViewOf(user, required(request, "view_id"));
        String actionId = required(request, "action_id");
        String blockId = SandboxBlocks.blockIdOf(view.json.get("blocks"), actionId).orElseThrow(() ->
                SandboxRequestException.badRequest("No element with action_id \"" + actionId + "\" in view " + view.id));
        ObjectNode payload = NODES.objectNode();
        payload.put("type", "block_suggestion");
        payload.set("user", userJson(user));
        payload.putObject("container").put("type", "view").put("view_id", view.id);
        payload.put("api_app_id", workspace.botSeed().appId());
        payload.put("token", VERIFICATION_TOKEN);
        payload.put("action_id", actionId);
        payload.put("block_id", blockId);
        payload.put("value", request.path("value").asText(""));
        payload.set("team", teamJson());
        payload.set("view", view.json);
        BotEndpoint.Answer answer = bot.post("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8), BotEndpoint.FORM);
        JsonNode ack = answer.ack(json);
        ObjectNode result = NODES.objectNode();
        result.put("status", answer.status());
        result.set("options", ack.path("options").isArray() ? ack.get("options") : NODES.arrayNode());
        if (ack.path("option_groups").isArray()) {
            result.set("option_groups", ack.get("option_groups"));
        }
        return result;
    }

    ObjectNode close(JsonNode request) {
        SandboxUser user = workspace.requireUser(required(request, "user"));
        SandboxView view = openViewOf(user, required(request, "view_id"));
        ObjectNode result = NODES.objectNode();
        workspace.close(view);
        result.put("closed", view.id);
        if (!view.json.path("notify_on_close").asBoolean(false)) {
            result.put("notified", false);
            return result;
        }
        ObjectNode payload = NODES.objectNode();
        payload.put("type", "view_closed");
        payload.set("team", teamJson());
        payload.set("user", userJson(user));
        payload.put("api_app_id", workspace.botSeed().appId());
        payload.put("token", VERIFICATION_TOKEN);
        payload.set("view", view.json);
        payload.put("is_cleared", false);
        payload.put("is_enterprise_install", false);
        payload.putNull("enterprise");
        BotEndpoint.Answer answer = bot.post("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8), BotEndpoint.FORM);
        result.put("notified", true);
        result.put("status", answer.status());
        return result;
    }

    // ---- reading -----------------------------------------------------------------------------------

    ArrayNode messages(String channelRef, String userRef) {
        SandboxChannel channel = workspace.requireChannel(channelRef);
        String viewerId = userRef == null || userRef.isBlank() ? null : workspace.requireUser(userRef).id();
        ArrayNode list = NODES.arrayNode();
        for (SandboxMessage message : workspace.messages(channel.id)) {
            if (viewerId != null && !message.visibleTo(viewerId)) {
                continue;
            }
            ObjectNode json = list.addObject();
            json.put("ts", message.ts);
            json.put("user", workspace.user(message.authorId).map(SandboxUser::name).orElse(message.authorId));
            json.put("text", message.text);
            json.set("blocks", message.blocks == null ? NODES.arrayNode() : message.blocks);
            json.put("thread_ts", message.threadTs);
            json.put("ephemeral_to", message.ephemeralTo == null ? null
                    : workspace.user(message.ephemeralTo).map(SandboxUser::name).orElse(message.ephemeralTo));
            json.put("edited", message.edited);
            json.set("metadata", message.metadata);
        }
        return list;
    }

    ArrayNode views(String userRef) {
        SandboxUser user = workspace.requireUser(userRef);
        ArrayNode list = NODES.arrayNode();
        for (SandboxView view : workspace.viewStack(user.id())) {
            ObjectNode json = list.addObject();
            json.put("id", view.id);
            json.put("callback_id", view.json.path("callback_id").asText(""));
            json.put("title", view.json.path("title").path("text").asText(""));
            json.set("blocks", view.json.get("blocks"));
            json.put("private_metadata", view.json.path("private_metadata").asText(""));
            ObjectNode errors = json.putObject("errors");
            view.errors.forEach(errors::put);
            json.put("external_id", view.externalId());
            json.set("state", view.json.get("state"));
            json.put("submit", view.json.path("submit").path("text").asText(null));
            json.put("close", view.json.path("close").path("text").asText(null));
            json.put("hash", view.json.path("hash").asText());
            json.put("notify_on_close", view.json.path("notify_on_close").asBoolean(false));
            json.put("root_view_id", view.json.path("root_view_id").asText());
        }
        return list;
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private SandboxView openViewOf(SandboxUser user, String viewId) {
        return workspace.view(viewId).filter(v -> v.userId.equals(user.id()))
                .orElseThrow(() -> SandboxRequestException.badRequest("No open view " + viewId + " for " + user.name()
                        + "; open views: " + workspace.viewStack(user.id()).stream().map(v -> v.id).toList()));
    }

    private JsonNode modal(JsonNode view) {
        if (view == null || !"modal".equals(view.path("type").asText()) || !view.path("title").isObject()
                || !SandboxBlocks.validModal(view.get("blocks"))) {
            throw SandboxRequestException.badRequest("The bot answered with a view Slack would refuse: it needs type modal, a title and blocks within Block Kit's limits");
        }
        return view;
    }

    private static ArrayNode validBlocksOrNull(JsonNode blocks) {
        return blocks != null && SandboxBlocks.valid(blocks) ? (ArrayNode) blocks : null;
    }

    private Optional<String> userId(String nameOrId) {
        return workspace.user(nameOrId).map(SandboxUser::id);
    }

    private Optional<String> channelId(String ref) {
        return workspace.channel(ref).map(c -> c.id);
    }

    private ObjectNode userJson(SandboxUser user) {
        return NODES.objectNode().put("id", user.id()).put("username", user.name()).put("name", user.name())
                .put("team_id", workspace.team().teamId());
    }

    private ObjectNode teamJson() {
        return NODES.objectNode().put("id", workspace.team().teamId()).put("domain", workspace.team().domain());
    }

    private String responseUrl(String id) {
        return bot.baseUrl() + "/sandbox/response/" + id;
    }

    private static String actionTs() {
        Instant now = Instant.now();
        return String.format("%d.%06d", now.getEpochSecond(), now.getNano() / 1000);
    }

    private static String required(JsonNode request, String field) {
        JsonNode value = request == null ? null : request.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw SandboxRequestException.badRequest("Give \"" + field + "\"");
        }
        return value.asText();
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
