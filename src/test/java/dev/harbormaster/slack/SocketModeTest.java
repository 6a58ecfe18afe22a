package dev.harbormaster.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harbormaster.testing.SignedSlackRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With SLACK_APP_TOKEN set the bot opens a Socket Mode connection and answers slash commands over it,
 * through the same guard and listeners as HTTP, the workspace allow-list included (set to the sandbox's own).
 * Slack's side is a WebSocket server on loopback that greets with "hello", pushes envelopes and collects the
 * acknowledgements; {@link FakeSocketModeApi} hands its URL out from apps.connections.open. The bot keeps
 * retrying until the server is up, as it would with Slack.
 */
@QuarkusTest
@TestProfile(SocketModeTest.WithAppToken.class)
class SocketModeTest {

    public static class WithAppToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harbormaster.slack.app-token", "xapp-1-test",
                    "harbormaster.slack.api-url", "http://127.0.0.1:${quarkus.http.test-port}/fake-socket-mode-slack/",
                    "harbormaster.slack.allowed-team-ids", "T0SANDBOX");
        }
    }

    static volatile String url;
    private static final BlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();
    private static final List<WebSocket> CONNECTIONS = new CopyOnWriteArrayList<>();
    private static WebSocketServer server;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startSlacksSide() throws InterruptedException {
        server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket connection, ClientHandshake handshake) {
                CONNECTIONS.add(connection);
                connection.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A0HARBOR\"}}");
            }

            @Override
            public void onClose(WebSocket connection, int code, String reason, boolean remote) {
                CONNECTIONS.remove(connection);
            }

            @Override
            public void onMessage(WebSocket connection, String message) {
                RECEIVED.add(message);
            }

            @Override
            public void onError(WebSocket connection, Exception ex) {
                // the bot reconnects by itself; the test waits for a connection
            }

            @Override
            public void onStart() {
            }
        };
        server.setReuseAddr(true);
        server.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (server.getPort() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        url = "ws://127.0.0.1:" + server.getPort() + "/link";
    }

    @AfterAll
    static void stopSlacksSide() throws InterruptedException {
        url = null;
        server.stop(1000);
    }

    @Inject
    ProbeListeners probe;

    @Test
    void answersASlashCommandOverTheWebSocket() throws Exception {
        WebSocket slack = connected();
        RECEIVED.clear();
        slack.send("""
                {"envelope_id":"env-1","type":"slash_commands","accepts_response_payload":true,
                 "payload":{"token":"t","team_id":"T0SANDBOX","team_domain":"sandbox","channel_id":"CPAYMENTS",
                   "channel_name":"payments","user_id":"UALICE","user_name":"alice","command":"/platform",
                   "text":"owner payments-api","api_app_id":"A0HARBOR","is_enterprise_install":"false",
                   "response_url":"http://127.0.0.1:9/unused","trigger_id":"1.2.3"}}""");
        JsonNode envelope = ack("env-1");
        String answer = envelope.path("payload").toString();
        assertTrue(answer.contains("payments-api") && answer.contains("payments"), answer);
    }

    @Test
    void refusesAnotherWorkspaceOverTheWebSocketBeforeAnyListener() throws Exception {
        WebSocket slack = connected();
        RECEIVED.clear();
        double refused = ScrapedMetrics.value("harbormaster_slack_rejected_total{reason=\"team_not_allowed\"}");
        int suggestions = probe.runs("block_suggestion");
        int events = probe.runs("event");

        slack.send("""
                {"envelope_id":"env-other-command","type":"slash_commands","accepts_response_payload":true,
                 "payload":{"token":"t","team_id":"T0OTHER","team_domain":"other","enterprise_id":"E0OTHER",
                   "channel_id":"CPAYMENTS","channel_name":"payments","user_id":"UALICE","user_name":"alice",
                   "command":"/platform","text":"owner payments-api","api_app_id":"A0HARBOR",
                   "is_enterprise_install":"false","response_url":"http://127.0.0.1:9/unused","trigger_id":"1.2.4"}}""");
        String answer = ack("env-other-command").path("payload").toString();
        assertTrue(answer.contains("This workspace is not allowed to use this app"), answer);
        assertFalse(answer.contains("payments-api"), answer);

        slack.send(interactive("env-other-suggest", SignedSlackRequest.blockSuggestionBody(WorkspaceAllowListTest.OTHER,
                "UALICE", ProbeListeners.SUGGEST, "pro")));
        assertTrue(ack("env-other-suggest").path("payload").isMissingNode(), "acknowledged, and nothing suggested");
        slack.send("{\"envelope_id\":\"env-other-event\",\"type\":\"events_api\",\"accepts_response_payload\":false,"
                + "\"retry_attempt\":0,\"retry_reason\":\"\",\"payload\":" + SignedSlackRequest.eventBody(WorkspaceAllowListTest.OTHER,
                "{\"type\":\"reaction_added\",\"user\":\"UALICE\",\"reaction\":\"eyes\",\"item\":{\"type\":\"message\","
                        + "\"channel\":\"CPAYMENTS\",\"ts\":\"1700000000.000100\"},\"event_ts\":\"1700000001.000100\"}") + "}");
        ack("env-other-event");
        assertEquals(suggestions, probe.runs("block_suggestion"));
        assertEquals(events, probe.runs("event"));
        assertEquals(refused + 3, ScrapedMetrics.value("harbormaster_slack_rejected_total{reason=\"team_not_allowed\"}"));

        slack.send(interactive("env-sandbox-suggest", SignedSlackRequest.blockSuggestionBody(SignedSlackRequest.SANDBOX,
                "UALICE", ProbeListeners.SUGGEST, "pro")));
        assertTrue(ack("env-sandbox-suggest").path("payload").toString().contains(ProbeListeners.SUGGESTED));
        assertEquals(suggestions + 1, probe.runs("block_suggestion"));
    }

    /** The bot's connection; its backoff may have grown while this server was not up yet, hence the long wait. */
    private static WebSocket connected() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (CONNECTIONS.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(CONNECTIONS.isEmpty(), "the bot connected over Socket Mode");
        return CONNECTIONS.get(0);
    }

    /** The bot's acknowledgement of one envelope (others' are skipped). */
    private JsonNode ack(String envelopeId) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            String message = RECEIVED.poll(1, TimeUnit.SECONDS);
            if (message != null) {
                JsonNode envelope = json.readTree(message);
                if (envelopeId.equals(envelope.path("envelope_id").asText())) {
                    return envelope;
                }
            }
        }
        throw new AssertionError("no acknowledgement of " + envelopeId);
    }

    /** An interactive envelope carrying a payload built for HTTP ({@code payload=…}); Socket Mode sends it as JSON. */
    private static String interactive(String envelopeId, String formBody) {
        String payload = URLDecoder.decode(formBody.substring("payload=".length()), StandardCharsets.UTF_8);
        return "{\"envelope_id\":\"" + envelopeId + "\",\"type\":\"interactive\",\"accepts_response_payload\":true,"
                + "\"payload\":" + payload + "}";
    }
}
