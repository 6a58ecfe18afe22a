package dev.harbormaster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harbormaster.slack.SlackConnection;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox workspace: a development stand-in for Slack that lives inside this single process, in memory
 * only (no tables: a restart, or {@code POST /sandbox/reset}, starts again from the seed). It is an outside
 * party to the bot: nothing else imports this package, and the two talk only over HTTP, as with Slack.
 * Every method is synchronized; nothing here calls the bot, so the lock is never held across a request.
 */
@ApplicationScoped
public class SandboxWorkspace {

    static final int MAX_VIEW_STACK = 3;
    static final int RESPONSE_URL_USES = 5;
    static final Duration RESPONSE_URL_LIFETIME = Duration.ofMinutes(30);
    private static final Logger LOG = Logger.getLogger(SandboxWorkspace.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final SecureRandom RANDOM = new SecureRandom();

    record Trigger(String userId, Instant issued) {
    }

    static final class ResponseTarget {
        final String userId;
        final String channelId;
        final String messageTs;
        final Instant created;
        int uses;

        ResponseTarget(String userId, String channelId, String messageTs, Instant created) {
            this.userId = userId;
            this.channelId = channelId;
            this.messageTs = messageTs;
            this.created = created;
        }
    }

    @Inject
    SandboxSettings settings;
    @Inject
    SlackConnection connection;

    private SandboxSeed seed;
    private SandboxUser bot;
    private final Map<String, SandboxUser> users = new LinkedHashMap<>();
    private final Map<String, SandboxChannel> channels = new LinkedHashMap<>();
    private final Map<String, List<SandboxMessage>> messages = new HashMap<>();
    private final Map<String, List<SandboxView>> viewStacks = new HashMap<>();
    private final Map<String, Trigger> triggers = new HashMap<>();
    private final Set<String> exchangedTriggers = new HashSet<>();
    private final Map<String, ResponseTarget> responseUrls = new HashMap<>();
    private long lastTsMicros;
    /** Counts every change a person could see (messages, modals, a reset), so the page knows when to look again. */
    private long version;

    void start(@Observes StartupEvent startup) {
        if (connection.sandbox()) {
            SandboxSeed loaded = seed();
            LOG.infof("Sandbox workspace %s (%s): %d users, %d channels; no Slack bot token is configured, so the "
                            + "bot talks to this local stand-in for Slack at /sandbox",
                    loaded.workspace().teamId(), loaded.workspace().domain(), loaded.users().size(), loaded.channels().size());
        }
    }

    synchronized SandboxSeed seed() {
        if (seed == null) {
            seed = readSeed();
            populate();
        }
        return seed;
    }

    private SandboxSeed readSeed() {
        Optional<String> file = settings.seed().filter(s -> !s.isBlank());
        if (file.isPresent()) {
            try (InputStream in = Files.newInputStream(Path.of(file.get()))) {
                return SandboxSeed.read(in, file.get());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the sandbox seed " + file.get()
                        + " (HARBORMASTER_SANDBOX_SEED)", e);
            }
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("sandbox/workspace.yaml")) {
            if (in == null) {
                throw new IllegalStateException("sandbox/workspace.yaml is missing from the classpath");
            }
            return SandboxSeed.read(in, "sandbox/workspace.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets messages, views, triggers, response URLs and channels joined since the start: back to the seed. */
    synchronized void reset() {
        seed();
        populate();
    }

    /** Grows with every visible change; the page's live stream compares it, never its value. */
    synchronized long version() {
        return version;
    }

    private void populate() {
        version++;
        users.clear();
        channels.clear();
        messages.clear();
        viewStacks.clear();
        triggers.clear();
        exchangedTriggers.clear();
        responseUrls.clear();
        long created = Instant.now().getEpochSecond();
        SandboxSeed.Bot seedBot = seed.bot();
        bot = new SandboxUser(seedBot.userId(), seedBot.name(), seedBot.name(), seedBot.name(), null, null, false, true);
        users.put(bot.id(), bot);
        for (SandboxSeed.User u : seed.users()) {
            String displayName = u.displayName() == null ? u.name() : u.displayName();
            String realName = u.realName() == null ? u.name() : u.realName();
            users.put(u.id(), new SandboxUser(u.id(), u.name(), realName, displayName, u.title(), u.email(), u.admin(), false));
            SandboxChannel dm = new SandboxChannel("D" + u.id().substring(1), "dm-" + u.name(), true, u.id(), null, created);
            dm.memberIds.add(u.id());
            dm.memberIds.add(bot.id());
            channels.put(dm.id, dm);
        }
        for (SandboxSeed.Channel c : seed.channels()) {
            SandboxChannel channel = new SandboxChannel(c.id(), c.name(), c.isPrivate(), null, c.topic(), created);
            c.members().forEach(name -> channel.memberIds.add(user(name).orElseThrow().id()));
            channel.memberIds.add(bot.id());
            channels.put(channel.id, channel);
        }
    }

    // ---- people and places -------------------------------------------------------------------------

    SandboxSeed.Workspace team() {
        return seed().workspace();
    }

    SandboxSeed.Bot botSeed() {
        return seed().bot();
    }

    synchronized SandboxUser bot() {
        seed();
        return bot;
    }

    /** A user by name or Slack id. */
    synchronized Optional<SandboxUser> user(String nameOrId) {
        seed();
        if (nameOrId == null) {
            return Optional.empty();
        }
        String key = nameOrId.startsWith("@") ? nameOrId.substring(1) : nameOrId;
        SandboxUser byId = users.get(key);
        if (byId != null) {
            return Optional.of(byId);
        }
        return users.values().stream().filter(u -> u.name().equals(key)).findFirst();
    }

    synchronized Optional<SandboxUser> userByEmail(String email) {
        seed();
        return users.values().stream().filter(u -> u.email() != null && u.email().equalsIgnoreCase(email)).findFirst();
    }

    synchronized List<SandboxUser> people() {
        seed();
        return users.values().stream().filter(u -> !u.bot()).toList();
    }

    SandboxUser requireUser(String nameOrId) {
        return user(nameOrId).filter(u -> !u.bot()).orElseThrow(() -> SandboxRequestException.badRequest(
                "No user \"" + nameOrId + "\" in the sandbox workspace; users are " + people().stream().map(SandboxUser::name).toList()));
    }

    /** A conversation by id, name, #name, dm-&lt;user&gt;, or a user id (that user's DM with the bot). */
    synchronized Optional<SandboxChannel> channel(String ref) {
        seed();
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        String key = ref.startsWith("#") ? ref.substring(1) : ref;
        SandboxChannel byId = channels.get(key);
        if (byId != null) {
            return Optional.of(byId);
        }
        Optional<SandboxChannel> byName = channels.values().stream().filter(c -> c.name.equals(key)).findFirst();
        if (byName.isPresent()) {
            return byName;
        }
        SandboxUser user = users.get(key);
        return user == null || user.bot() ? Optional.empty() : Optional.ofNullable(channels.get("D" + user.id().substring(1)));
    }

    SandboxChannel requireChannel(String ref) {
        return channel(ref).orElseThrow(() -> SandboxRequestException.badRequest("No channel \"" + ref
                + "\" in the sandbox workspace; channels are " + channelNames() + " and dm-<user>"));
    }

    synchronized List<SandboxChannel> channels() {
        seed();
        return List.copyOf(channels.values());
    }

    private List<String> channelNames() {
        return channels().stream().filter(c -> !c.im()).map(c -> c.name).toList();
    }

    synchronized List<SandboxSeed.Usergroup> usergroups() {
        return seed().usergroups();
    }

    /** A person typing in a public channel joins it first, as in Slack; private channels stay closed to them. */
    synchronized void joinToType(SandboxChannel channel, SandboxUser user) {
        if (channel.memberIds.contains(user.id())) {
            return;
        }
        if (channel.isPrivate || channel.im()) {
            throw SandboxRequestException.badRequest(user.name() + " is not a member of the private channel " + channel.name);
        }
        channel.memberIds.add(user.id());
    }

    // ---- messages ----------------------------------------------------------------------------------

    synchronized SandboxMessage post(SandboxChannel channel, String authorId, String text, ArrayNode blocks,
                                     String threadTs, String ephemeralTo) {
        return post(channel, authorId, text, blocks, threadTs, ephemeralTo, null);
    }

    synchronized SandboxMessage post(SandboxChannel channel, String authorId, String text, ArrayNode blocks,
                                     String threadTs, String ephemeralTo, ObjectNode metadata) {
        SandboxMessage message = new SandboxMessage(nextTs(), channel.id, authorId, text == null ? "" : text,
                SandboxBlocks.withIds(blocks), threadTs, ephemeralTo, metadata);
        messages.computeIfAbsent(channel.id, id -> new ArrayList<>()).add(message);
        version++;
        return message;
    }

    synchronized Optional<SandboxMessage> message(String channelId, String ts) {
        return messages.getOrDefault(channelId, List.of()).stream().filter(m -> m.ts.equals(ts)).findFirst();
    }

    synchronized List<SandboxMessage> messages(String channelId) {
        return List.copyOf(messages.getOrDefault(channelId, List.of()));
    }

    synchronized void edit(SandboxMessage message, String text, ArrayNode blocks, boolean markEdited) {
        message.text = text == null ? "" : text;
        message.blocks = SandboxBlocks.withIds(blocks);
        message.edited = message.edited || markEdited;
        version++;
    }

    synchronized boolean delete(String channelId, String ts) {
        version++;
        return messages.getOrDefault(channelId, new ArrayList<>()).removeIf(m -> m.ts.equals(ts));
    }

    /** Slack's ts: seconds.microseconds, unique and increasing within a workspace. */
    private String nextTs() {
        Instant now = Instant.now();
        long micros = Math.max(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000, lastTsMicros + 1);
        lastTsMicros = micros;
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    // ---- triggers and response URLs ----------------------------------------------------------------

    synchronized String issueTrigger(String userId) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String id = Instant.now().getEpochSecond() + "." + Math.abs(RANDOM.nextLong() % 1_000_000_000_000L) + "."
                + HexFormat.of().formatHex(random);
        triggers.put(id, new Trigger(userId, Instant.now()));
        Instant horizon = Instant.now().minus(settings.triggerLifetime().multipliedBy(10));
        triggers.values().removeIf(t -> t.issued().isBefore(horizon));
        return id;
    }

    /** Uses a trigger_id once, as Slack does, and returns the user it was issued for. */
    synchronized String exchangeTrigger(String triggerId) {
        if (triggerId != null && exchangedTriggers.contains(triggerId)) {
            throw new SlackApiError("exchanged_trigger_id");
        }
        Trigger trigger = triggerId == null ? null : triggers.get(triggerId);
        if (trigger == null || trigger.issued().plus(settings.triggerLifetime()).isBefore(Instant.now())) {
            throw new SlackApiError("expired_trigger_id");
        }
        triggers.remove(triggerId);
        exchangedTriggers.add(triggerId);
        return trigger.userId();
    }

    synchronized String issueResponseUrl(String userId, String channelId, String messageTs) {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        responseUrls.put(id, new ResponseTarget(userId, channelId, messageTs, Instant.now()));
        return id;
    }

    /** Counts one use of a response_url: Slack allows five within thirty minutes. */
    synchronized ResponseTarget useResponseUrl(String id) {
        ResponseTarget target = responseUrls.get(id);
        if (target == null || target.created.plus(RESPONSE_URL_LIFETIME).isBefore(Instant.now())) {
            throw new SandboxRequestException(404, "expired_url");
        }
        if (target.uses >= RESPONSE_URL_USES) {
            throw new SandboxRequestException(404, "used_url");
        }
        target.uses++;
        return target;
    }

    // ---- modals ------------------------------------------------------------------------------------

    synchronized List<SandboxView> viewStack(String userId) {
        return List.copyOf(viewStacks.getOrDefault(userId, List.of()));
    }

    synchronized Optional<SandboxView> view(String viewId) {
        return viewStacks.values().stream().flatMap(List::stream).filter(v -> v.id.equals(viewId)).findFirst();
    }

    synchronized Optional<SandboxView> viewByExternalId(String externalId) {
        return viewStacks.values().stream().flatMap(List::stream)
                .filter(v -> !externalId.isEmpty() && v.externalId().equals(externalId)).findFirst();
    }

    /** views.open: a new stack with this view at its root (an open modal is replaced, as a new dialog would be). */
    synchronized SandboxView open(String userId, JsonNode spec) {
        String id = viewId();
        SandboxView view = new SandboxView(id, userId, viewJson(id, spec, id, null));
        List<SandboxView> stack = new ArrayList<>();
        stack.add(view);
        viewStacks.put(userId, stack);
        version++;
        return view;
    }

    /** views.push: on top of the modal the user has open, at most three deep. */
    synchronized SandboxView push(String userId, JsonNode spec) {
        List<SandboxView> stack = viewStacks.get(userId);
        if (stack == null || stack.isEmpty()) {
            throw new SlackApiError("not_found");
        }
        if (stack.size() >= MAX_VIEW_STACK) {
            throw new SlackApiError("push_limit_reached");
        }
        SandboxView top = stack.get(stack.size() - 1);
        String id = viewId();
        SandboxView view = new SandboxView(id, userId, viewJson(id, spec, stack.get(0).id, top.id));
        stack.add(view);
        version++;
        return view;
    }

    /** Replaces a view's content in place, keeping its id and place in the stack; clears its errors. */
    synchronized void replace(SandboxView view, JsonNode spec) {
        view.json = viewJson(view.id, spec, view.json.path("root_view_id").asText(view.id),
                view.json.path("previous_view_id").isTextual() ? view.json.path("previous_view_id").asText() : null);
        view.errors = new LinkedHashMap<>();
        version++;
    }

    /** Closes a view and every view pushed on top of it. */
    synchronized void close(SandboxView view) {
        List<SandboxView> stack = viewStacks.getOrDefault(view.userId, new ArrayList<>());
        int index = stack.indexOf(view);
        if (index >= 0) {
            stack.subList(index, stack.size()).clear();
        }
        version++;
    }

    synchronized void clearViews(String userId) {
        viewStacks.remove(userId);
        version++;
    }

    synchronized void showErrors(SandboxView view, Map<String, String> errors, ObjectNode state) {
        view.errors = new LinkedHashMap<>(errors);
        view.json.set("state", NODES.objectNode().set("values", state));
        version++;
    }

    private ObjectNode viewJson(String id, JsonNode spec, String rootId, String previousId) {
        SandboxSeed.Bot seedBot = seed().bot();
        ObjectNode view = NODES.objectNode();
        view.put("id", id);
        view.put("team_id", seed.workspace().teamId());
        view.put("type", spec.path("type").asText());
        view.set("blocks", SandboxBlocks.withIds(spec.get("blocks")));
        view.put("private_metadata", spec.path("private_metadata").asText(""));
        view.put("callback_id", spec.path("callback_id").asText(""));
        view.putObject("state").putObject("values");
        view.put("hash", Instant.now().getEpochSecond() + "." + SandboxBlocks.randomId(8));
        view.set("title", spec.get("title"));
        view.put("clear_on_close", spec.path("clear_on_close").asBoolean(false));
        view.put("notify_on_close", spec.path("notify_on_close").asBoolean(false));
        view.set("close", spec.hasNonNull("close") ? spec.get("close") : NODES.nullNode());
        view.set("submit", spec.hasNonNull("submit") ? spec.get("submit") : NODES.nullNode());
        view.put("previous_view_id", previousId);
        view.put("root_view_id", rootId);
        view.put("app_id", seedBot.appId());
        view.put("external_id", spec.path("external_id").asText(""));
        view.put("app_installed_team_id", seed.workspace().teamId());
        view.put("bot_id", seedBot.botId());
        return view;
    }

    private static String viewId() {
        return "V" + SandboxBlocks.randomId(10).toUpperCase();
    }
}
