package dev.harbormaster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.harbormaster.slack.SlackConnection;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Delivers requests to the bot as Slack does: over HTTP to {@code /slack/events} on this same server, signed
 * with the v0 scheme and the signing secret. The signing is written here, not borrowed from the bot, since the
 * sandbox stands for the other side of the wire.
 */
@ApplicationScoped
public class BotEndpoint {

    static final String FORM = "application/x-www-form-urlencoded";
    /** Slack gives up after 3 s; the sandbox waits longer so that a slow machine shows a late answer, not none. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The bot's answer: HTTP status and body (the ack). */
    record Answer(int status, String body) {

        /** The ack as JSON when it is JSON, as text otherwise, or null when empty. */
        JsonNode ack(ObjectMapper json) {
            if (body == null || body.isBlank()) {
                return NullNode.getInstance();
            }
            try {
                return json.readTree(body);
            } catch (IOException notJson) {
                return TextNode.valueOf(body);
            }
        }
    }

    @Inject
    SlackConnection connection;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** This server's base URL on the loopback interface, e.g. http://127.0.0.1:8080. */
    String baseUrl() {
        boolean test = LaunchMode.current() == LaunchMode.TEST;
        int port = ConfigProvider.getConfig()
                .getOptionalValue(test ? "quarkus.http.test-port" : "quarkus.http.port", Integer.class)
                .orElse(test ? 8081 : 8080);
        return "http://127.0.0.1:" + port;
    }

    Answer post(String body, String contentType) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/slack/events"))
                .timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", sign(timestamp, body))
                .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new SandboxRequestException(502, "The bot did not answer at /slack/events: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxRequestException(503, "Interrupted while waiting for the bot");
        }
    }

    private String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(connection.signingSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
