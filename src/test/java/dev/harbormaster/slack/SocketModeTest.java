package dev.harbormaster.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With SLACK_APP_TOKEN set the bot opens a Socket Mode connection and answers slash commands over it,
 * through the same guard and listeners as HTTP. Slack's side is a WebSocket server on loopback that greets
 * with "hello", pushes an envelope and collects the acknowledgement; {@link FakeSocketModeApi} hands its
 * URL out from apps.connections.open. The bot keeps retrying until the server is up, as it would with Slack.
 */
@QuarkusTest
@TestProfile(SocketModeTest.WithAppToken.class)
class SocketModeTest {

    public static class WithAppToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harbormaster.slack.app-token", "xapp-1-test",
                    "harbormaster.slack.api-url", "http://127.0.0.1:${quarkus.http.test-port}/fake-socket-mode-slack/");
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

    @Test
    void answersASlashCommandOverTheWebSocket() throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (CONNECTIONS.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(CONNECTIONS.isEmpty(), "the bot connected over Socket Mode");
        RECEIVED.clear();
        CONNECTIONS.get(0).send("""
                {"envelope_id":"env-1","type":"slash_commands","accepts_response_payload":true,
                 "payload":{"token":"t","team_id":"T0SANDBOX","team_domain":"sandbox","channel_id":"CPAYMENTS",
                   "channel_name":"payments","user_id":"UALICE","user_name":"alice","command":"/platform",
                   "text":"owner payments-api","api_app_id":"A0HARBOR","is_enterprise_install":"false",
                   "response_url":"http://127.0.0.1:9/unused","trigger_id":"1.2.3"}}""");
        String ack = RECEIVED.poll(20, TimeUnit.SECONDS);
        assertNotNull(ack, "the bot acknowledged the envelope");
        JsonNode envelope = json.readTree(ack);
        assertEquals("env-1", envelope.path("envelope_id").asText());
        String answer = envelope.path("payload").toString();
        assertTrue(answer.contains("payments-api") && answer.contains("payments"), answer);
    }
}
