package dev.harbormaster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Slack's Web API methods the bot uses, answered from the sandbox workspace with Slack's response shapes
 * and error codes. Each method returns the {@code ok:true} body or throws {@link SlackApiError}.
 */
@ApplicationScoped
public class SandboxWebApi {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Inject
    SandboxWorkspace workspace;
    @Inject
    SandboxFiles files;

    /** @param baseUri where this server is reached, for the upload URLs it hands out */
    ObjectNode call(String method, WebApiCall call, String baseUri) {
        return switch (method) {
            case "files.getUploadURLExternal" -> uploadUrl(call, baseUri);
            case "files.completeUploadExternal" -> completeUpload(call);
            case "auth.test" -> authTest();
            case "chat.postMessage" -> postMessage(call);
            case "chat.postEphemeral" -> postEphemeral(call);
            case "chat.update" -> update(call);
            case "chat.delete" -> delete(call);
            case "views.open" -> viewsOpen(call);
            case "views.push" -> viewsPush(call);
            case "views.update" -> viewsUpdate(call);
            case "users.info" -> ok().set("user", userJson(user(call.text("user"), "user_not_found")));
            case "users.lookupByEmail" -> ok().set("user", userJson(workspace.userByEmail(String.valueOf(call.text("email")))
                    .orElseThrow(() -> new SlackApiError("users_not_found"))));
            case "conversations.open" -> conversationsOpen(call);
            case "conversations.info" -> ok().set("channel", channelJson(channel(call)));
            case "conversations.members" -> conversationsMembers(call);
            case "conversations.history" -> conversationsHistory(call);
            case "conversations.replies" -> conversationsReplies(call);
            case "conversations.list" -> conversationsList(call);
            case "usergroups.list" -> usergroupsList(call);
            case "usergroups.users.list" -> usergroupUsers(call);
            default -> throw new SlackApiError("unknown_method");
        };
    }

    private ObjectNode uploadUrl(WebApiCall call, String baseUri) {
        String filename = call.text("filename");
        String length = call.text("length");
        if (filename == null || filename.isBlank() || length == null) {
            throw new SlackApiError("invalid_arguments");
        }
        int bytes;
        try {
            bytes = Integer.parseInt(length.trim());
        } catch (NumberFormatException e) {
            throw new SlackApiError("invalid_arguments");
        }
        if (bytes <= 0 || bytes > SandboxFiles.MAX_BYTES) {
            throw new SlackApiError("invalid_arguments");
        }
        SandboxFiles.StoredFile file = files.reserve(filename, bytes, call.text("alt_txt"));
        String base = baseUri.endsWith("/") ? baseUri : baseUri + "/";
        return ok().put("upload_url", base + "sandbox/files/upload/" + file.id).put("file_id", file.id);
    }

    private ObjectNode completeUpload(WebApiCall call) {
        JsonNode list = call.json("files", "invalid_arguments");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new SlackApiError("invalid_arguments");
        }
        SandboxChannel channel = call.text("channel_id") == null ? null
                : workspace.channel(call.text("channel_id")).orElseThrow(() -> new SlackApiError("channel_not_found"));
        ArrayNode done = NODES.arrayNode();
        ArrayNode imageBlocks = NODES.arrayNode();
        for (JsonNode item : list) {
            SandboxFiles.StoredFile file = files.complete(item.path("id").asText(""), item.path("title").asText(null))
                    .orElseThrow(() -> new SlackApiError("file_not_found"));
            ObjectNode json = NODES.objectNode();
            json.put("id", file.id).put("name", file.name).put("title", file.title).put("mimetype", file.mimetype())
                    .put("size", file.bytes.length).put("url_private", "/sandbox/files/" + file.id);
            done.add(json);
            ObjectNode image = imageBlocks.addObject();
            image.put("type", "image").put("alt_text", file.altText == null ? file.title : file.altText);
            image.putObject("slack_file").put("id", file.id);
            image.putObject("title").put("type", "plain_text").put("text", file.title);
        }
        if (channel != null) {
            workspace.post(channel, workspace.bot().id(), call.text("initial_comment"), imageBlocks, call.text("thread_ts"), null);
        }
        return ok().set("files", done);
    }

    private ObjectNode authTest() {
        SandboxSeed.Workspace team = workspace.team();
        SandboxSeed.Bot bot = workspace.botSeed();
        ObjectNode body = ok();
        body.put("url", "https://" + team.domain() + ".slack.com/");
        body.put("team", team.name() == null ? team.domain() : team.name());
        body.put("user", bot.name());
        body.put("team_id", team.teamId());
        body.put("user_id", bot.userId());
        body.put("bot_id", bot.botId());
        body.put("is_enterprise_install", false);
        return body;
    }

    private ObjectNode postMessage(WebApiCall call) {
        SandboxChannel channel = channel(call);
        String text = call.text("text");
        ArrayNode blocks = blocks(call);
        requireContent(call, text, blocks);
        String threadTs = call.text("thread_ts");
        if (threadTs != null && workspace.message(channel.id, threadTs).isEmpty()) {
            throw new SlackApiError("thread_not_found");
        }
        ObjectNode metadata = metadata(call);
        SandboxMessage message = workspace.post(channel, workspace.bot().id(), text, blocks, threadTs, null, metadata);
        ObjectNode body = ok();
        body.put("channel", channel.id);
        body.put("ts", message.ts);
        body.set("message", withMetadata(messageJson(message), message));
        return body;
    }

    /** Message metadata as Slack takes it: a JSON object with a text event_type and an object event_payload. */
    private static ObjectNode metadata(WebApiCall call) {
        JsonNode metadata = call.json("metadata", "invalid_metadata_format");
        if (metadata == null) {
            return null;
        }
        if (!metadata.isObject() || !metadata.path("event_type").isTextual() || metadata.path("event_type").asText().isBlank()
                || !metadata.path("event_payload").isObject()) {
            throw new SlackApiError("invalid_metadata_schema");
        }
        ObjectNode kept = NODES.objectNode();
        kept.put("event_type", metadata.get("event_type").asText());
        kept.set("event_payload", metadata.get("event_payload"));
        return kept;
    }

    private ObjectNode postEphemeral(WebApiCall call) {
        SandboxChannel channel = channel(call);
        SandboxUser user = user(call.text("user"), "user_not_found");
        if (!channel.memberIds.contains(user.id())) {
            throw new SlackApiError("user_not_in_channel");
        }
        String text = call.text("text");
        ArrayNode blocks = blocks(call);
        requireContent(call, text, blocks);
        SandboxMessage message = workspace.post(channel, workspace.bot().id(), text, blocks, call.text("thread_ts"), user.id());
        return ok().put("message_ts", message.ts);
    }

    private ObjectNode update(WebApiCall call) {
        SandboxChannel channel = channel(call);
        SandboxMessage message = botMessage(channel, call.text("ts"), "cant_update_message");
        String text = call.text("text");
        ArrayNode blocks = blocks(call);
        workspace.edit(message, text == null ? message.text : text, blocks == null ? message.blocks : blocks, true);
        ObjectNode body = ok();
        body.put("channel", channel.id);
        body.put("ts", message.ts);
        body.put("text", message.text);
        body.set("message", messageJson(message));
        return body;
    }

    private ObjectNode delete(WebApiCall call) {
        SandboxChannel channel = channel(call);
        SandboxMessage message = botMessage(channel, call.text("ts"), "cant_delete_message");
        workspace.delete(channel.id, message.ts);
        return ok().put("channel", channel.id).put("ts", message.ts);
    }

    private SandboxMessage botMessage(SandboxChannel channel, String ts, String notTheBots) {
        SandboxMessage message = workspace.message(channel.id, String.valueOf(ts))
                .filter(m -> m.ephemeralTo == null)
                .orElseThrow(() -> new SlackApiError("message_not_found"));
        if (!message.authorId.equals(workspace.bot().id())) {
            throw new SlackApiError(notTheBots);
        }
        return message;
    }

    private ObjectNode viewsOpen(WebApiCall call) {
        JsonNode spec = view(call);
        String userId = workspace.exchangeTrigger(call.text("trigger_id"));
        return ok().set("view", workspace.open(userId, spec).json);
    }

    private ObjectNode viewsPush(WebApiCall call) {
        JsonNode spec = view(call);
        String userId = workspace.exchangeTrigger(call.text("trigger_id"));
        return ok().set("view", workspace.push(userId, spec).json);
    }

    private ObjectNode viewsUpdate(WebApiCall call) {
        JsonNode spec = view(call);
        String viewId = call.text("view_id");
        String externalId = call.text("external_id");
        SandboxView view = (viewId != null ? workspace.view(viewId)
                : externalId != null ? workspace.viewByExternalId(externalId) : java.util.Optional.<SandboxView>empty())
                .orElseThrow(() -> new SlackApiError("not_found"));
        String hash = call.text("hash");
        if (hash != null && !hash.equals(view.json.path("hash").asText())) {
            throw new SlackApiError("hash_conflict");
        }
        workspace.replace(view, spec);
        return ok().set("view", view.json);
    }

    private ObjectNode conversationsOpen(WebApiCall call) {
        String channelId = call.text("channel");
        if (channelId != null) {
            return ok().set("channel", NODES.objectNode().put("id", channel(call).id));
        }
        List<String> ids = call.text("users") == null ? List.of()
                : Arrays.stream(call.text("users").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (ids.isEmpty()) {
            throw new SlackApiError("users_list_not_supplied");
        }
        if (ids.size() > 1) {
            throw new SlackApiError("not_supported");
        }
        SandboxUser user = user(ids.get(0), "user_not_found");
        SandboxChannel dm = workspace.channel(user.id()).orElseThrow(() -> new SlackApiError("cannot_dm_bot"));
        ObjectNode body = ok();
        body.put("no_op", true);
        body.put("already_open", true);
        body.set("channel", NODES.objectNode().put("id", dm.id));
        return body;
    }

    /**
     * A conversation's messages, newest first, as Slack pages them: top-level messages only (replies stay in their
     * threads), never ephemeral ones, between {@code oldest} and {@code latest}; metadata only with
     * {@code include_all_metadata}. The bot must be a member.
     */
    private ObjectNode conversationsHistory(WebApiCall call) {
        SandboxChannel channel = channel(call);
        if (!channel.memberIds.contains(workspace.bot().id())) {
            throw new SlackApiError("not_in_channel");
        }
        boolean inclusive = call.flag("inclusive");
        BigDecimal oldest = timestamp(call.text("oldest"));
        BigDecimal latest = timestamp(call.text("latest"));
        List<SandboxMessage> messages = workspace.messages(channel.id).stream()
                .filter(m -> m.ephemeralTo == null && (m.threadTs == null || m.threadTs.equals(m.ts)))
                .filter(m -> within(new BigDecimal(m.ts), oldest, latest, inclusive))
                .sorted(Comparator.comparing((SandboxMessage m) -> new BigDecimal(m.ts)).reversed())
                .toList();
        ObjectNode body = messagesPage(messages, call);
        body.put("pin_count", 0);
        body.putNull("channel_actions_ts");
        body.put("channel_actions_count", 0);
        return body;
    }

    /** One page of messages as Slack's history methods answer: {@code messages}, {@code has_more} and the cursor. */
    private ObjectNode messagesPage(List<SandboxMessage> messages, WebApiCall call) {
        int offset = offset(call.text("cursor"));
        int limit = limit(call.text("limit"), 100, 999);
        boolean includeMetadata = call.flag("include_all_metadata");
        ArrayNode page = NODES.arrayNode();
        messages.stream().skip(offset).limit(limit)
                .forEach(m -> page.add(includeMetadata ? withMetadata(messageJson(m), m) : messageJson(m)));
        boolean hasMore = offset + limit < messages.size();
        ObjectNode body = ok();
        body.set("messages", page);
        body.put("has_more", hasMore);
        if (hasMore) {
            body.putObject("response_metadata").put("next_cursor", cursor(offset + limit));
        }
        return body;
    }

    /** A thread, parent first then replies oldest first, as Slack answers it; paged with the same cursor. */
    private ObjectNode conversationsReplies(WebApiCall call) {
        SandboxChannel channel = channel(call);
        if (!channel.memberIds.contains(workspace.bot().id())) {
            throw new SlackApiError("not_in_channel");
        }
        String parentTs = call.text("ts");
        if (parentTs == null || workspace.messages(channel.id).stream().noneMatch(m -> parentTs.equals(m.ts))) {
            throw new SlackApiError("thread_not_found");
        }
        boolean inclusive = call.flag("inclusive");
        BigDecimal oldest = timestamp(call.text("oldest"));
        BigDecimal latest = timestamp(call.text("latest"));
        List<SandboxMessage> thread = workspace.messages(channel.id).stream()
                .filter(m -> m.ephemeralTo == null && (parentTs.equals(m.ts) || parentTs.equals(m.threadTs)))
                .filter(m -> parentTs.equals(m.ts) || within(new BigDecimal(m.ts), oldest, latest, inclusive))
                .sorted(Comparator.comparing((SandboxMessage m) -> new BigDecimal(m.ts)))
                .toList();
        return messagesPage(thread, call);
    }

    /** Channels the bot can see, by {@code types} (public_channel by default), paged with Slack's opaque cursor. */
    private ObjectNode conversationsList(WebApiCall call) {
        List<String> types = call.text("types") == null ? List.of("public_channel")
                : Arrays.stream(call.text("types").split(",")).map(String::trim).toList();
        List<SandboxChannel> channels = workspace.channels().stream()
                .filter(c -> c.im() ? types.contains("im") : types.contains(c.isPrivate ? "private_channel" : "public_channel"))
                .filter(c -> !c.isPrivate || c.im() || c.memberIds.contains(workspace.bot().id()))
                .toList();
        int offset = offset(call.text("cursor"));
        int limit = limit(call.text("limit"), 100, 1000);
        ArrayNode page = NODES.arrayNode();
        channels.stream().skip(offset).limit(limit).forEach(c -> page.add(channelJson(c)));
        ObjectNode body = ok();
        body.set("channels", page);
        body.putObject("response_metadata").put("next_cursor", offset + limit < channels.size() ? cursor(offset + limit) : "");
        return body;
    }

    private ObjectNode conversationsMembers(WebApiCall call) {
        ArrayNode members = NODES.arrayNode();
        channel(call).memberIds.forEach(members::add);
        ObjectNode body = ok();
        body.set("members", members);
        body.putObject("response_metadata").put("next_cursor", "");
        return body;
    }

    private ObjectNode usergroupsList(WebApiCall call) {
        ArrayNode groups = NODES.arrayNode();
        for (SandboxSeed.Usergroup group : workspace.usergroups()) {
            ObjectNode json = groups.addObject();
            json.put("id", group.id());
            json.put("team_id", workspace.team().teamId());
            json.put("is_usergroup", true);
            json.put("name", group.name() == null ? group.handle() : group.name());
            json.put("description", group.description() == null ? "" : group.description());
            json.put("handle", group.handle());
            json.put("user_count", group.members().size());
            if (call.flag("include_users")) {
                json.set("users", userIds(group));
            }
        }
        return ok().set("usergroups", groups);
    }

    private ObjectNode usergroupUsers(WebApiCall call) {
        String id = call.text("usergroup");
        SandboxSeed.Usergroup group = workspace.usergroups().stream()
                .filter(g -> g.id().equals(id) || g.handle().equals(id))
                .findFirst().orElseThrow(() -> new SlackApiError("no_such_subteam"));
        return ok().set("users", userIds(group));
    }

    private ArrayNode userIds(SandboxSeed.Usergroup group) {
        ArrayNode ids = NODES.arrayNode();
        group.members().forEach(name -> ids.add(workspace.user(name).orElseThrow().id()));
        return ids;
    }

    // ---- arguments ---------------------------------------------------------------------------------

    private SandboxChannel channel(WebApiCall call) {
        return workspace.channel(call.text("channel")).orElseThrow(() -> new SlackApiError("channel_not_found"));
    }

    private SandboxUser user(String id, String error) {
        return workspace.user(id).orElseThrow(() -> new SlackApiError(error));
    }

    private static ArrayNode blocks(WebApiCall call) {
        JsonNode blocks = call.json("blocks", "invalid_blocks");
        if (blocks == null) {
            return null;
        }
        if (!SandboxBlocks.valid(blocks)) {
            throw new SlackApiError("invalid_blocks");
        }
        return (ArrayNode) blocks;
    }

    private static BigDecimal timestamp(String ts) {
        if (ts == null) {
            return null;
        }
        try {
            return new BigDecimal(ts);
        } catch (NumberFormatException e) {
            throw new SlackApiError("invalid_ts_oldest");
        }
    }

    private static boolean within(BigDecimal ts, BigDecimal oldest, BigDecimal latest, boolean inclusive) {
        boolean afterOldest = oldest == null || (inclusive ? ts.compareTo(oldest) >= 0 : ts.compareTo(oldest) > 0);
        boolean beforeLatest = latest == null || (inclusive ? ts.compareTo(latest) <= 0 : ts.compareTo(latest) < 0);
        return afterOldest && beforeLatest;
    }

    private static int limit(String given, int byDefault, int max) {
        try {
            int limit = given == null ? byDefault : Integer.parseInt(given);
            return limit < 1 ? byDefault : Math.min(limit, max);
        } catch (NumberFormatException e) {
            throw new SlackApiError("invalid_limit");
        }
    }

    /** Slack's cursors are opaque base64 strings; the sandbox's say where the next page starts. */
    private static String cursor(int offset) {
        return Base64.getEncoder().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith("offset:")) {
                throw new SlackApiError("invalid_cursor");
            }
            return Integer.parseInt(decoded.substring("offset:".length()));
        } catch (IllegalArgumentException e) {
            throw new SlackApiError("invalid_cursor");
        }
    }

    private static void requireContent(WebApiCall call, String text, ArrayNode blocks) {
        if (text != null && text.length() > 40_000) {
            throw new SlackApiError("msg_too_long");
        }
        boolean attachments = call.text("attachments") != null;
        if ((text == null || text.isBlank()) && (blocks == null || blocks.isEmpty()) && !attachments) {
            throw new SlackApiError("no_text");
        }
    }

    /** A modal as views.open/push/update take it: type modal, a title, well-formed blocks. */
    private static JsonNode view(WebApiCall call) {
        JsonNode view = call.json("view", "invalid_arguments");
        if (view == null || !view.isObject() || !"modal".equals(view.path("type").asText())
                || !view.path("title").isObject() || !SandboxBlocks.validModal(view.get("blocks"))) {
            throw new SlackApiError("invalid_arguments");
        }
        return view;
    }

    // ---- Slack's shapes ----------------------------------------------------------------------------

    private static ObjectNode ok() {
        return NODES.objectNode().put("ok", true);
    }

    ObjectNode userJson(SandboxUser user) {
        ObjectNode json = NODES.objectNode();
        json.put("id", user.id());
        json.put("team_id", workspace.team().teamId());
        json.put("name", user.name());
        json.put("deleted", false);
        json.put("real_name", user.realName());
        json.put("tz", "Europe/London");
        json.put("tz_label", "Greenwich Mean Time");
        json.put("tz_offset", 0);
        ObjectNode profile = json.putObject("profile");
        profile.put("real_name", user.realName());
        profile.put("real_name_normalized", user.realName());
        profile.put("display_name", user.displayName());
        profile.put("display_name_normalized", user.displayName());
        if (user.title() != null) {
            profile.put("title", user.title());
        }
        if (user.email() != null) {
            profile.put("email", user.email());
        }
        profile.put("team", workspace.team().teamId());
        if (user.bot()) {
            profile.put("bot_id", workspace.botSeed().botId());
        }
        json.put("is_admin", user.admin());
        json.put("is_owner", false);
        json.put("is_bot", user.bot());
        json.put("is_app_user", false);
        json.put("updated", 0);
        return json;
    }

    ObjectNode channelJson(SandboxChannel channel) {
        ObjectNode json = NODES.objectNode();
        json.put("id", channel.id);
        json.put("created", channel.created);
        if (channel.im()) {
            json.put("is_im", true);
            json.put("user", channel.imUserId);
            json.put("is_open", true);
            return json;
        }
        json.put("name", channel.name);
        json.put("name_normalized", channel.name);
        json.put("is_channel", !channel.isPrivate);
        json.put("is_group", false);
        json.put("is_im", false);
        json.put("is_private", channel.isPrivate);
        json.put("is_archived", false);
        json.put("is_general", false);
        json.put("is_member", channel.memberIds.contains(workspace.bot().id()));
        json.put("num_members", channel.memberIds.size());
        json.putObject("topic").put("value", channel.topic == null ? "" : channel.topic).put("creator", "").put("last_set", 0);
        json.putObject("purpose").put("value", "").put("creator", "").put("last_set", 0);
        return json;
    }

    ObjectNode messageJson(SandboxMessage message) {
        ObjectNode json = NODES.objectNode();
        json.put("type", "message");
        json.put("text", message.text);
        json.put("user", message.authorId);
        if (message.authorId.equals(workspace.bot().id())) {
            json.put("bot_id", workspace.botSeed().botId());
            json.put("app_id", workspace.botSeed().appId());
        }
        json.put("ts", message.ts);
        json.put("team", workspace.team().teamId());
        if (message.blocks != null && !message.blocks.isEmpty()) {
            json.set("blocks", message.blocks);
        }
        if (message.threadTs != null) {
            json.put("thread_ts", message.threadTs);
        }
        if (message.edited) {
            json.putObject("edited").put("user", message.authorId).put("ts", message.ts);
        }
        return json;
    }

    private static ObjectNode withMetadata(ObjectNode json, SandboxMessage message) {
        if (message.metadata != null) {
            json.set("metadata", message.metadata.deepCopy());
        }
        return json;
    }
}
