package dev.harbormaster.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Sends requests to {@code /slack/events} signed exactly as Slack signs them, written independently of
 * the production verifier so that a bug there cannot hide itself.
 */
public final class SignedSlackRequest {

    public static final String TEST_SIGNING_SECRET = "test-signing-secret";
    /** The sandbox workspace: what the bot's own auth.test answers, and where every request comes from unless told. */
    public static final Workspace SANDBOX = new Workspace("T0SANDBOX", null);
    private static final AtomicLong ACTION_TS = new AtomicLong(System.currentTimeMillis() * 1000);
    private static final Map<String, CloseableHttpClient> CLIENTS = new ConcurrentHashMap<>();

    private SignedSlackRequest() {
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Slack workspace (team id) and the Enterprise Grid organisation it belongs to, or null. */
    public record Workspace(String teamId, String enterpriseId) {
    }

    /** A slash command form body as Slack sends it. */
    public static String slashCommandBody(String userId, String channelId, String text, String responseUrl) {
        return slashCommandBody(SANDBOX, userId, channelId, text, responseUrl);
    }

    /** A slash command form body as Slack sends it from {@code from}, with enterprise_id when it is in an organisation. */
    public static String slashCommandBody(Workspace from, String userId, String channelId, String text, String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", from.teamId());
        form.put("team_domain", "harbormaster");
        if (from.enterpriseId() != null) {
            form.put("enterprise_id", from.enterpriseId());
            form.put("enterprise_name", "Other Org");
        }
        form.put("is_enterprise_install", "false");
        form.put("channel_id", channelId);
        form.put("channel_name", "test");
        form.put("user_id", userId);
        form.put("user_name", "test");
        form.put("command", "/platform");
        form.put("text", text);
        form.put("api_app_id", "A0HARBOR");
        form.put("response_url", responseUrl);
        form.put("trigger_id", "1337.42." + System.nanoTime());
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A block_actions payload (form body) shaped as Slack sends it for a button in a channel message. */
    public static String blockActionBody(String userId, String actionId, String value) {
        return blockActionBody(SANDBOX, SANDBOX, userId, actionId, value);
    }

    /**
     * A block_actions payload for a button in a channel of {@code channelWorkspace}, clicked by a person whose home
     * workspace is {@code userWorkspace}: the two differ in a Slack Connect channel.
     */
    public static String blockActionBody(Workspace channelWorkspace, Workspace userWorkspace, String userId, String actionId,
                                         String value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode payload = interactive("block_actions", channelWorkspace, userWorkspace, userId);
        payload.set("container", nodes.objectNode().put("type", "message").put("message_ts", "1700000000.000100")
                .put("channel_id", "CPLATFORMAPPROVALS").put("is_ephemeral", false));
        payload.put("trigger_id", "1337.42." + System.nanoTime());
        payload.set("channel", nodes.objectNode().put("id", "CPLATFORMAPPROVALS").put("name", "platform-approvals"));
        payload.put("response_url", "http://127.0.0.1:9/unused");
        // a distinct action_ts per click, as Slack sends, so no two clicks share a body and a signature
        long ts = ACTION_TS.incrementAndGet();
        payload.set("actions", nodes.arrayNode().add(nodes.objectNode().put("action_id", actionId).put("block_id", "decide")
                .put("type", "button").put("value", value).put("action_ts", (ts / 1_000_000) + "." + "%06d".formatted(ts % 1_000_000))
                .set("text", nodes.objectNode().put("type", "plain_text").put("text", "Approve"))));
        return form(payload);
    }

    /** A view_submission of a modal with {@code callbackId} and no inputs filled. */
    public static String viewSubmissionBody(Workspace from, String userId, String callbackId) {
        ObjectNode payload = interactive("view_submission", from, from, userId);
        payload.put("trigger_id", "1337.42." + System.nanoTime());
        payload.set("view", view(from, callbackId));
        return form(payload);
    }

    /** A view_closed of a modal with {@code callbackId} (Slack sends it when the modal asked for notify_on_close). */
    public static String viewClosedBody(Workspace from, String userId, String callbackId) {
        ObjectNode payload = interactive("view_closed", from, from, userId);
        payload.set("view", view(from, callbackId));
        payload.put("is_cleared", false);
        return form(payload);
    }

    /** A block_suggestion: someone typed {@code value} into an external_select with {@code actionId} in a modal. */
    public static String blockSuggestionBody(Workspace from, String userId, String actionId, String value) {
        ObjectNode payload = interactive("block_suggestion", from, from, userId);
        payload.set("container", JsonNodeFactory.instance.objectNode().put("type", "view").put("view_id", "V0PROBE"));
        payload.put("action_id", actionId);
        payload.put("block_id", "b");
        payload.put("value", value);
        payload.set("view", view(from, "suggesting"));
        return form(payload);
    }

    /** A global shortcut with {@code callbackId}. */
    public static String globalShortcutBody(Workspace from, String userId, String callbackId) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("type", "shortcut");
        payload.put("token", "legacy-verification-token");
        payload.put("action_ts", "1700000000.000200");
        payload.set("team", team(from));
        payload.set("user", JsonNodeFactory.instance.objectNode().put("id", userId).put("username", userId).put("team_id", from.teamId()));
        payload.put("is_enterprise_install", false);
        if (from.enterpriseId() != null) {
            payload.set("enterprise", JsonNodeFactory.instance.objectNode().put("id", from.enterpriseId()).put("name", "Other Org"));
        } else {
            payload.putNull("enterprise");
        }
        payload.put("callback_id", callbackId);
        payload.put("trigger_id", "1337.42." + System.nanoTime());
        return form(payload);
    }

    /**
     * An Events API body as Slack posts it for {@code event} (a JSON object) that happened in {@code from}, delivered
     * for the app's installation there; a fresh event_id each time.
     */
    public static String eventBody(Workspace from, String event) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode body = nodes.objectNode();
        body.put("token", "legacy-verification-token");
        body.put("team_id", from.teamId());
        if (from.enterpriseId() != null) {
            body.put("enterprise_id", from.enterpriseId());
        }
        body.put("context_team_id", from.teamId());
        body.putNull("context_enterprise_id");
        body.put("api_app_id", "A0HARBOR");
        try {
            body.set("event", new ObjectMapper().readTree(event));
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + event, e);
        }
        body.put("type", "event_callback");
        body.put("event_id", "Ev" + System.nanoTime());
        body.put("event_time", Instant.now().getEpochSecond());
        ObjectNode authorization = nodes.objectNode();
        if (from.enterpriseId() != null) {
            authorization.put("enterprise_id", from.enterpriseId());
        } else {
            authorization.putNull("enterprise_id");
        }
        authorization.put("team_id", from.teamId()).put("user_id", "UHARBORMASTER").put("is_bot", true)
                .put("is_enterprise_install", false);
        body.set("authorizations", nodes.arrayNode().add(authorization));
        body.put("is_ext_shared_channel", false);
        return body.toString();
    }

    private static ObjectNode interactive(String type, Workspace surface, Workspace userHome, String userId) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode payload = nodes.objectNode();
        payload.put("type", type);
        payload.set("user", nodes.objectNode().put("id", userId).put("username", userId).put("name", userId)
                .put("team_id", userHome.teamId()));
        payload.put("api_app_id", "A0HARBORMASTER");
        payload.put("token", "legacy-verification-token");
        payload.set("team", team(surface));
        if (surface.enterpriseId() != null) {
            payload.set("enterprise", nodes.objectNode().put("id", surface.enterpriseId()).put("name", "Other Org"));
        } else {
            payload.putNull("enterprise");
        }
        payload.put("is_enterprise_install", false);
        return payload;
    }

    private static ObjectNode team(Workspace workspace) {
        ObjectNode team = JsonNodeFactory.instance.objectNode().put("id", workspace.teamId()).put("domain", "harbormaster-sandbox");
        if (workspace.enterpriseId() != null) {
            team.put("enterprise_id", workspace.enterpriseId()).put("enterprise_name", "Other Org");
        }
        return team;
    }

    private static ObjectNode view(Workspace from, String callbackId) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return nodes.objectNode().put("id", "V0PROBE").put("team_id", from.teamId()).put("type", "modal")
                .put("callback_id", callbackId).put("private_metadata", "").put("hash", "1700000000.probe")
                .put("app_installed_team_id", "T0SANDBOX")
                .<ObjectNode>set("title", nodes.objectNode().put("type", "plain_text").put("text", "Probe"))
                .<ObjectNode>set("blocks", nodes.arrayNode())
                .set("state", nodes.objectNode().set("values", nodes.objectNode()));
    }

    private static String form(ObjectNode payload) {
        return "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
    }

    public static Response post(String body, String contentType, long skewSeconds) {
        long timestamp = Instant.now().getEpochSecond() + skewSeconds;
        return post(body, contentType, timestamp, sign(TEST_SIGNING_SECRET, timestamp, body));
    }

    public static Response post(String body, String contentType, long timestamp, String signature) {
        return RestAssured.given()
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", signature)
                .contentType(contentType)
                .body(body)
                .post("/slack/events");
    }

    /**
     * As {@link #post(String, String, long, String)} but from another loopback address (all of 127.0.0.0/8 reaches
     * the bot), over a kept-alive connection per address so that thousands of requests take seconds; the status.
     */
    public static int postFrom(String localAddress, String body, String contentType, long timestamp, String signature) {
        HttpPost post = new HttpPost("http://127.0.0.1:" + RestAssured.port + "/slack/events");
        post.setHeader("X-Slack-Request-Timestamp", Long.toString(timestamp));
        post.setHeader("X-Slack-Signature", signature);
        post.setEntity(new StringEntity(body, ContentType.create(contentType, StandardCharsets.UTF_8)));
        try (CloseableHttpResponse response = CLIENTS.computeIfAbsent(localAddress, SignedSlackRequest::clientFrom).execute(post)) {
            EntityUtils.consume(response.getEntity());
            return response.getStatusLine().getStatusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CloseableHttpClient clientFrom(String localAddress) {
        try {
            return HttpClients.custom()
                    .setDefaultRequestConfig(RequestConfig.custom().setLocalAddress(InetAddress.getByName(localAddress)).build())
                    .setMaxConnPerRoute(16).setMaxConnTotal(16)
                    .build();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(localAddress, e);
        }
    }

    public static Response command(String userId, String channelId, String text) {
        return post(slashCommandBody(userId, channelId, text, "http://127.0.0.1:9/unused"),
                "application/x-www-form-urlencoded", 0);
    }
}
