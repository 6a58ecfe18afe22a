package dev.harbormaster.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * OpenCost's allocation API: {@code GET /allocation/compute?window=<from>,<to>&aggregate=namespace&step=1d}, one map
 * of allocations per day. Every answer is checked whole before anything is handed back, so a slow, failing or
 * lying server gives an {@link OpenCostException} and never a partial day.
 */
public final class OpenCostClient {

    private static final int MAX_BODY_CHARS = 50 * 1024 * 1024;

    /** One namespace's cost on one day. */
    public record NamespaceCost(LocalDate day, String cluster, String namespace, BigDecimal totalCost) {
    }

    /** OpenCost could not give a usable answer; the message says why, for the log and the sources list. */
    public static final class OpenCostException extends Exception {
        public OpenCostException(String message) {
            super(message);
        }
    }

    private final String baseUrl;
    private final Duration timeout;
    private final ObjectMapper json;
    private final HttpClient http;

    public OpenCostClient(String baseUrl, Duration timeout, ObjectMapper json) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Daily cost per namespace for the days {@code [from, to)} (UTC). */
    public List<NamespaceCost> dailyByNamespace(LocalDate from, LocalDate to) throws OpenCostException {
        String window = from.atStartOfDay(ZoneOffset.UTC).toInstant() + "," + to.atStartOfDay(ZoneOffset.UTC).toInstant();
        URI uri;
        try {
            uri = URI.create(baseUrl + "/allocation/compute?window=" + URLEncoder.encode(window, StandardCharsets.UTF_8)
                    + "&aggregate=namespace&step=1d&accumulate=false");
        } catch (IllegalArgumentException e) {
            throw new OpenCostException("the OpenCost URL is not a valid address");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            // The request time-out stops at the headers; this one covers a body that trickles in forever too.
            response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new OpenCostException("OpenCost did not answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new OpenCostException("OpenCost did not answer within " + timeout.toSeconds() + " s");
            }
            throw new OpenCostException("OpenCost cannot be reached (" + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenCostException("interrupted while waiting for OpenCost");
        }
        if (response.statusCode() != 200) {
            throw new OpenCostException("OpenCost answered HTTP " + response.statusCode());
        }
        String body = response.body();
        if (body == null || body.length() > MAX_BODY_CHARS) {
            throw new OpenCostException("OpenCost's answer is empty or too large");
        }
        return parse(body, from, to);
    }

    List<NamespaceCost> parse(String body, LocalDate from, LocalDate to) throws OpenCostException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new OpenCostException("OpenCost answered something that is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new OpenCostException("OpenCost answered something that is not an allocation result");
        }
        if (root.path("code").asInt(200) != 200 || !root.path("data").isArray()) {
            String message = root.path("message").asText(root.path("status").asText(""));
            throw new OpenCostException("OpenCost refused the query" + (message.isBlank() ? "" : ": " + shorten(message)));
        }
        List<NamespaceCost> costs = new ArrayList<>();
        for (JsonNode step : root.path("data")) {
            if (step.isNull()) {
                continue;
            }
            if (!step.isObject()) {
                throw new OpenCostException("OpenCost's data holds something other than allocation maps");
            }
            var entries = step.fields();
            while (entries.hasNext()) {
                var entry = entries.next();
                JsonNode allocation = entry.getValue();
                JsonNode total = allocation.path("totalCost");
                if (!total.isNumber()) {
                    throw new OpenCostException("allocation `" + shorten(entry.getKey()) + "` has no numeric totalCost");
                }
                LocalDate day = day(allocation.path("window").path("start").asText(allocation.path("start").asText("")));
                if (day == null) {
                    throw new OpenCostException("allocation `" + shorten(entry.getKey()) + "` has no window start");
                }
                if (day.isBefore(from) || !day.isBefore(to)) {
                    throw new OpenCostException("OpenCost answered for " + day + ", outside the window asked for (" + from + " to " + to + ")");
                }
                JsonNode properties = allocation.path("properties");
                String namespace = properties.path("namespace").asText("");
                String cluster = properties.path("cluster").asText("");
                costs.add(new NamespaceCost(day, cluster.isBlank() ? null : cluster, namespace.isBlank() ? null : namespace,
                        total.decimalValue()));
            }
        }
        return costs;
    }

    private static LocalDate day(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text).atZone(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
    }
}
