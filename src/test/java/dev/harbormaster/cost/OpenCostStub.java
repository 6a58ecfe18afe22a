package dev.harbormaster.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;

/**
 * OpenCost cannot run here: this loopback server answers {@code /allocation/compute} in the shape of the recorded
 * answer in ../shared/fixtures/opencost, one map per day of the window asked for, or misbehaves as told.
 */
final class OpenCostStub implements AutoCloseable {

    enum Mode { FIXTURE, ERROR_500, GARBAGE, HANG, OUTSIDE_WINDOW }

    static final Path FIXTURE = Path.of(System.getProperty("harbormaster.fixtures", "../shared/fixtures"), "opencost",
            "allocation-aggregate-namespace.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    volatile Mode mode = Mode.FIXTURE;
    volatile String lastQuery;

    OpenCostStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/allocation/compute", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The fixture's namespaces with their totalCost, as each day of a window gets them. */
    static Map<String, Double> fixtureCosts() {
        Map<String, Double> costs = new java.util.TreeMap<>();
        fixture().path("data").get(0).fields().forEachRemaining(e -> costs.put(e.getKey(), e.getValue().path("totalCost").asDouble()));
        return costs;
    }

    private static JsonNode fixture() {
        try {
            return JSON.readTree(Files.readString(FIXTURE));
        } catch (IOException e) {
            throw new UncheckedIOException("The OpenCost fixture is missing: " + FIXTURE.toAbsolutePath(), e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        lastQuery = exchange.getRequestURI().getRawQuery();
        switch (mode) {
            case ERROR_500 -> send(exchange, 500, "{\"code\":500,\"message\":\"boom\"}");
            case GARBAGE -> send(exchange, 200, "<html>not json");
            case HANG -> {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 200, "{}");
            }
            case FIXTURE, OUTSIDE_WINDOW -> send(exchange, 200, replay(window(lastQuery), mode == Mode.OUTSIDE_WINDOW).toString());
        }
    }

    private static LocalDate[] window(String rawQuery) {
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("window=")) {
                String[] ends = URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8).split(",");
                return new LocalDate[]{Instant.parse(ends[0]).atZone(ZoneOffset.UTC).toLocalDate(),
                        Instant.parse(ends[1]).atZone(ZoneOffset.UTC).toLocalDate()};
            }
        }
        throw new IllegalArgumentException("no window in " + rawQuery);
    }

    private static JsonNode replay(LocalDate[] window, boolean shifted) {
        ObjectNode root = (ObjectNode) fixture();
        ObjectNode day0 = (ObjectNode) root.path("data").get(0);
        ArrayNode data = JSON.createArrayNode();
        for (LocalDate day = window[0]; day.isBefore(window[1]); day = day.plusDays(1)) {
            LocalDate shown = shifted ? day.minusYears(1) : day;
            ObjectNode step = day0.deepCopy();
            for (Iterator<JsonNode> it = step.elements(); it.hasNext(); ) {
                ObjectNode allocation = (ObjectNode) it.next();
                String start = shown.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
                String end = shown.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
                allocation.putObject("window").put("start", start).put("end", end);
                allocation.put("start", start).put("end", end);
            }
            data.add(step);
        }
        root.set("data", data);
        return root;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
