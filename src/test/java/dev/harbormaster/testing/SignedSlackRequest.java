package dev.harbormaster.testing;

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

    /** A slash command form body as Slack sends it. */
    public static String slashCommandBody(String userId, String channelId, String text, String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", "T0SANDBOX");
        form.put("team_domain", "harbormaster");
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
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode payload = nodes.objectNode();
        payload.put("type", "block_actions");
        payload.set("user", nodes.objectNode().put("id", userId).put("username", userId).put("team_id", "T0SANDBOX"));
        payload.put("api_app_id", "A0HARBORMASTER");
        payload.put("token", "legacy-verification-token");
        payload.set("container", nodes.objectNode().put("type", "message").put("message_ts", "1700000000.000100")
                .put("channel_id", "CPLATFORMAPPROVALS").put("is_ephemeral", false));
        payload.put("trigger_id", "1337.42." + System.nanoTime());
        payload.set("team", nodes.objectNode().put("id", "T0SANDBOX").put("domain", "harbormaster-sandbox"));
        payload.set("channel", nodes.objectNode().put("id", "CPLATFORMAPPROVALS").put("name", "platform-approvals"));
        payload.put("response_url", "http://127.0.0.1:9/unused");
        // a distinct action_ts per click, as Slack sends, so no two clicks share a body and a signature
        long ts = ACTION_TS.incrementAndGet();
        payload.set("actions", nodes.arrayNode().add(nodes.objectNode().put("action_id", actionId).put("block_id", "decide")
                .put("type", "button").put("value", value).put("action_ts", (ts / 1_000_000) + "." + "%06d".formatted(ts % 1_000_000))
                .set("text", nodes.objectNode().put("type", "plain_text").put("text", "Approve"))));
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
