package dev.harbormaster.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault-injecting HTTP proxy on loopback in front of a Slack Web API (the sandbox's): while its storm is on, calls get
 * 503s, 429s with Retry-After, answers lost after the call was carried out (a 504 for a post that landed), and a few
 * time-outs (the call is carried out, the answer comes after the client gave up). The faults follow a seeded random,
 * and each kind is counted, so a test can tell that the storm really happened.
 */
public final class FaultProxy implements AutoCloseable {

    public enum Fault { UNAVAILABLE, RATE_LIMITED, ANSWER_LOST, TIMED_OUT }

    private static final Set<String> WRITES = Set.of("chat.postMessage", "chat.update", "chat.postEphemeral");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(24);
    private final HttpClient upstreamClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String upstream;
    private final Random random;
    private final Duration timeOutHold;
    private final int maxTimeOuts;
    private final Map<Fault, AtomicInteger> served = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger writesInStorm = new AtomicInteger();
    private volatile boolean storm;

    /**
     * @param upstream    base URL of the Web API, ending in {@code /}
     * @param timeOutHold how long a timed-out answer is held: longer than the client's timeout
     * @param maxTimeOuts time-outs are slow, so only this many are served
     */
    public FaultProxy(String upstream, long seed, Duration timeOutHold, int maxTimeOuts) throws IOException {
        this.upstream = upstream;
        this.random = new Random(seed);
        this.timeOutHold = timeOutHold;
        this.maxTimeOuts = maxTimeOuts;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/api/", this::handle);
        server.start();
    }

    /** The base URL to give the bot as SLACK_API_URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    public void storm(boolean on) {
        storm = on;
    }

    public int served(Fault fault) {
        return served.computeIfAbsent(fault, f -> new AtomicInteger()).get();
    }

    /** Faults served and calls seen per Web API method, for a failure message. */
    public String summary() {
        return "faults " + served + ", calls " + calls;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
            Fault fault = storm ? pick(method) : null;
            if (fault == Fault.UNAVAILABLE) {
                answer(exchange, 503, "text/html", "<html>503 Service Unavailable</html>", Map.of());
                return;
            }
            if (fault == Fault.RATE_LIMITED) {
                answer(exchange, 429, "application/json", "{\"ok\":false,\"error\":\"ratelimited\"}", Map.of("Retry-After", "1"));
                return;
            }
            HttpResponse<String> response = forward(exchange, method, body);
            if (fault == Fault.ANSWER_LOST) {
                answer(exchange, 504, "text/html", "<html>504 Gateway Time-out</html>", Map.of());
                return;
            }
            if (fault == Fault.TIMED_OUT) {
                sleep(timeOutHold);
            }
            answer(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"),
                    response.body(), Map.of());
        } catch (IOException e) {
            // the client gave up (a time-out); nothing to answer
        }
    }

    private synchronized Fault pick(String method) {
        double roll = random.nextDouble();
        Fault fault = null;
        int write = WRITES.contains(method) ? writesInStorm.incrementAndGet() : 0;
        // every kind is served at least once, whatever the random draws and however many calls of each method the
        // bot happens to make
        if (write == 1 || write == 4) {
            fault = Fault.ANSWER_LOST;
        } else if (write == 2) {
            fault = Fault.TIMED_OUT;
        } else if (write == 3) {
            fault = Fault.RATE_LIMITED;
        } else if (write == 5) {
            fault = Fault.UNAVAILABLE;
        } else if (roll < 0.10) {
            fault = Fault.UNAVAILABLE;
        } else if (roll < 0.18) {
            fault = Fault.RATE_LIMITED;
        } else if (roll < 0.30 && WRITES.contains(method)) {
            fault = Fault.ANSWER_LOST;
        } else if (roll < 0.33 && WRITES.contains(method) && served(Fault.TIMED_OUT) < maxTimeOuts) {
            fault = Fault.TIMED_OUT;
        }
        if (fault != null) {
            served.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
        }
        return fault;
    }

    private HttpResponse<String> forward(HttpExchange exchange, String method, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + method))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : new String[]{"Authorization", "Content-Type"}) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            return upstreamClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body,
                               Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
