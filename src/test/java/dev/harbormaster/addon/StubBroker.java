package dev.harbormaster.addon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service broker on loopback that misbehaves on request, one plan per behaviour: {@code instant} (201),
 * {@code async} (202, one "in progress", then succeeded), {@code held} (in progress until released), {@code forever}
 * (in progress, maximum_polling_duration 2 s), {@code broken} (500), {@code slow} (answers after 3 s),
 * {@code conflict} (409), {@code busy} (422 ConcurrencyError), {@code outdated} (422 MaintenanceInfoConflict),
 * {@code hostile} (202 with the next of {@link #HOSTILE_URLS} as its dashboard_url, then Slack markup in every
 * description until it fails), {@code rude} (400 with Slack markup in its description), {@code garbled} (200 with a
 * body that is not JSON), {@code stubborn} (500, then its orphan-mitigation DELETE fails twice with 503) and
 * {@code shaped} (201, with a parameter schema of nested objects, a oneOf and a list of objects).
 * Deletes are asynchronous and end in 410 Gone, as the spec allows.
 */
final class StubBroker implements AutoCloseable {

    static final String USER = "stub-user";
    static final String PASSWORD = "stub-password-not-for-slack";
    static final String SECRET_PREFIX = "stub-secret-";
    /** dashboard_url values a broker could send to make a channel ping, mention, or show a disguised link. */
    static final List<String> HOSTILE_URLS = List.of("<!channel>", "!channel", "<@U123>", "<!subteam^S1>",
            "https://evil.example/login|Open your new database (SSO)", "javascript:alert(1)");
    /** Descriptions (plan, progress, error) carrying the same. */
    static final String HOSTILE_TEXT = "<!channel> !channel <@U123> <!subteam^S1|@admins> <!here> "
            + "<https://evil.example/login|Open your new database (SSO)> <javascript:alert(1)|click> & more";

    record Call(String method, String path, Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> planOf = new ConcurrentHashMap<>();
    private final Map<String, Integer> polls = new ConcurrentHashMap<>();
    private final Set<String> released = ConcurrentHashMap.newKeySet();
    private final Set<String> deleting = ConcurrentHashMap.newKeySet();
    private final AtomicInteger hostileProvisions = new AtomicInteger();
    private final Map<String, Integer> refusedDeletes = new ConcurrentHashMap<>();

    StubBroker() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void release(String instanceId) {
        released.add(instanceId);
    }

    List<Call> calls(String method, String pathContaining) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().contains(pathContaining)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().toString();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        calls.add(new Call(method, path, Map.copyOf(exchange.getRequestHeaders()), body));
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{}", null);
            return;
        }
        String[] parts = exchange.getRequestURI().getPath().split("/");
        if (path.equals("/v2/catalog")) {
            answer(exchange, 200, catalog(), null);
        } else if (parts.length == 4 && method.equals("PUT")) {
            provision(exchange, parts[3], body.path("plan_id").asText().replaceFirst("^plan-", ""));
        } else if (parts.length == 5 && parts[4].equals("last_operation")) {
            lastOperation(exchange, parts[3]);
        } else if (parts.length == 4 && method.equals("DELETE") && planOf.getOrDefault(parts[3], "").equals("stubborn")
                && refusedDeletes.merge(parts[3], 1, Integer::sum) <= 2) {
            answer(exchange, 503, "{\"description\":\"try later\"}", null);
        } else if (parts.length == 4 && method.equals("DELETE")) {
            deleting.add(parts[3]);
            answer(exchange, 202, "{\"operation\":\"delete-" + parts[3] + "\"}", null);
        } else if (parts.length == 6 && method.equals("PUT")) {
            answer(exchange, 201, "{\"credentials\":{\"uri\":\"stubdb://u:" + SECRET_PREFIX + parts[3] + "@db.example\","
                    + "\"password\":\"" + SECRET_PREFIX + parts[3] + "\",\"port\":5432}}", null);
        } else if (parts.length == 6 && method.equals("DELETE")) {
            answer(exchange, 200, "{}", null);
        } else {
            answer(exchange, 404, "{\"description\":\"no such path\"}", null);
        }
    }

    private void provision(HttpExchange exchange, String id, String plan) throws IOException {
        planOf.put(id, plan);
        switch (plan) {
            case "instant", "shaped" -> answer(exchange, 201, "{\"dashboard_url\":\"https://dashboard.example.com/" + id + "\"}", null);
            case "async", "held", "forever" -> answer(exchange, 202, "{\"operation\":\"create-" + id + "\"}", "1");
            case "broken" -> answer(exchange, 500, "{\"description\":\"disk full\"}", null);
            case "slow" -> {
                sleep(3000);
                answer(exchange, 201, "{}", null);
            }
            case "conflict" -> answer(exchange, 409, "{\"description\":\"exists with other attributes\"}", null);
            case "busy" -> answer(exchange, 422, "{\"error\":\"ConcurrencyError\",\"description\":\"another operation\"}", null);
            case "outdated" -> answer(exchange, 422, "{\"error\":\"MaintenanceInfoConflict\",\"description\":\"2.0.0\"}", null);
            case "hostile" -> answer(exchange, 202, JSON.writeValueAsString(Map.of("operation", "create-" + id,
                    "dashboard_url", HOSTILE_URLS.get(hostileProvisions.getAndIncrement() % HOSTILE_URLS.size()))), "1");
            case "rude" -> answer(exchange, 400, JSON.writeValueAsString(Map.of("description", HOSTILE_TEXT)), null);
            case "garbled" -> answer(exchange, 200, "<html><body>Created!</body></html>", null);
            case "stubborn" -> answer(exchange, 500, "{\"description\":\"half made\"}", null);
            default -> answer(exchange, 400, "{\"description\":\"unknown plan\"}", null);
        }
    }

    private void lastOperation(HttpExchange exchange, String id) throws IOException {
        if (deleting.contains(id)) {
            answer(exchange, 410, "{}", null);
            return;
        }
        int count = polls.merge(id, 1, Integer::sum);
        String plan = planOf.getOrDefault(id, "");
        if (plan.equals("hostile")) {
            answer(exchange, 200, JSON.writeValueAsString(Map.of("state", count > 1 ? "failed" : "in progress",
                    "description", HOSTILE_TEXT)), "1");
            return;
        }
        boolean done = switch (plan) {
            case "async" -> count > 1;
            case "held" -> released.contains(id);
            default -> false;
        };
        answer(exchange, 200, done ? "{\"state\":\"succeeded\"}"
                : "{\"state\":\"in progress\",\"description\":\"Creating (poll " + count + ")\"}", "1");
    }

    private static String catalog() {
        StringBuilder plans = new StringBuilder();
        for (String plan : List.of("instant", "async", "held", "forever", "broken", "slow", "conflict", "busy", "outdated",
                "hostile", "rude", "garbled", "stubborn", "shaped")) {
            if (plans.length() > 0) {
                plans.append(',');
            }
            String description = plan.equals("hostile") ? HOSTILE_TEXT : plan;
            plans.append("{\"id\":\"plan-").append(plan).append("\",\"name\":\"").append(plan)
                    .append("\",\"description\":").append(quoted(description)).append(",\"free\":false")
                    .append(plan.equals("forever") ? ",\"maximum_polling_duration\":2" : "")
                    .append(plan.equals("outdated") ? ",\"maintenance_info\":{\"version\":\"1.0.0\"}" : "")
                    .append(plan.equals("shaped") ? ",\"schemas\":{\"service_instance\":{\"create\":{\"parameters\":"
                            + nestedSchema() + "}}}" : "").append('}');
        }
        return "{\"services\":[{\"id\":\"stub-service\",\"name\":\"stubdb\",\"description\":\"A stub\",\"bindable\":true,"
                + "\"plans\":[" + plans + "]}]}";
    }

    /** Plan {@code shaped}'s parameters: nested objects, a oneOf of required fields, a list of objects. */
    private static String nestedSchema() {
        try (var in = StubBroker.class.getResourceAsStream("/osb/plan-parameters-nested.json")) {
            return JSON.readTree(in).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
