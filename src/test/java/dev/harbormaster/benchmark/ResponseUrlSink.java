package dev.harbormaster.benchmark;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Stands where Slack's response_url would: when the bot cannot answer within its acknowledgement budget it acks with
 * "Working on…" and posts the real answer to response_url later. Each request gets its own URL
 * ({@code /r/<run>/<i>}), so the benchmark sees when, and whether, each late answer came.
 */
final class ResponseUrlSink implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();

    ResponseUrlSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/r/", exchange -> {
            long now = System.nanoTime();
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                arrivals.putIfAbsent(exchange.getRequestURI().getPath(), now);
                bodies.putIfAbsent(exchange.getRequestURI().getPath(), body);
                byte[] ok = "ok".getBytes();
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
            }
        });
        server.start();
    }

    String url(String run, int i) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/r/" + run + "/" + i;
    }

    /** nanoTime at which the answer to request {@code i} of {@code run} arrived, or null. */
    Long arrival(String run, int i) {
        return arrivals.get("/r/" + run + "/" + i);
    }

    /** The body of the first answer to request {@code i} of {@code run} (Slack's response_url JSON), or null. */
    String body(String run, int i) {
        return bodies.get("/r/" + run + "/" + i);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
