package dev.harbormaster.slack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Slack's side of Socket Mode on loopback: a WebSocket server that greets the bot with "hello", lets a
 * test push envelopes, and collects the bot's acknowledgements. Started before Quarkus so the bot can
 * connect during start-up, as it would to Slack.
 */
public class FakeSocketModeSlack implements QuarkusTestResourceLifecycleManager {

    static final BlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();
    static final List<WebSocket> CONNECTIONS = new CopyOnWriteArrayList<>();
    static volatile String url;

    private WebSocketServer server;

    @Override
    public Map<String, String> start() {
        server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket connection, ClientHandshake handshake) {
                CONNECTIONS.add(connection);
                connection.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\"},"
                        + "\"connection_info\":{\"app_id\":\"A0HARBOR\"}}");
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
                // the bot reconnects on its own; a test that needs the connection waits for it
            }

            @Override
            public void onStart() {
            }
        };
        server.setReuseAddr(true);
        server.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (server.getPort() == 0 && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        url = "ws://127.0.0.1:" + server.getPort() + "/link";
        return Map.of();
    }

    @Override
    public void stop() {
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
