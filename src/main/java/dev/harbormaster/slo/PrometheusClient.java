package dev.harbormaster.slo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prometheus's HTTP API, the two calls SLOs need: an instant query at a time, and a range query. Every answer is a
 * number or the reason there is none: a slow, down or confused server never becomes an exception for the person
 * asking, nor a figure Prometheus did not give. Only the catalog's vetted queries are sent (see {@code Slo}).
 */
@ApplicationScoped
public class PrometheusClient {

    private static final int MAX_SAID = 200;

    @Inject
    SloSettings settings;
    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** One ratio, or why there is none. */
    public record Reading(Double value, String unavailable) {
        static Reading of(double value) {
            return new Reading(value, null);
        }

        static Reading missing(String why) {
            return new Reading(null, why);
        }

        public boolean known() {
            return value != null;
        }
    }

    /** Values at {@code start + k·step}, null where Prometheus had none; or why there are none at all. */
    public record Series(List<Double> values, String unavailable) {
    }

    public boolean configured() {
        return settings.prometheusUrl().filter(url -> !url.isBlank()).isPresent();
    }

    /** An instant query at {@code at} that must give one ratio between 0 and 1. */
    public Reading ratio(String promql, Instant at) {
        Answer answer = send("/api/v1/query", Map.of("query", promql, "time", seconds(at)));
        if (answer.unavailable != null) {
            return Reading.missing(answer.unavailable);
        }
        JsonNode data = answer.data;
        String type = data.path("resultType").asText("");
        JsonNode sample;
        if (type.equals("scalar")) {
            sample = data.path("result");
        } else if (type.equals("vector")) {
            JsonNode result = data.path("result");
            if (!result.isArray() || result.isEmpty()) {
                return Reading.missing("Prometheus has no data for this query at " + at + " (empty result)");
            }
            if (result.size() > 1) {
                return Reading.missing("the query gives " + result.size() + " series, not one ratio: aggregate it with sum(…)");
            }
            sample = result.get(0).path("value");
        } else {
            return Reading.missing("Prometheus answered a " + (type.isEmpty() ? "result without a type" : type)
                    + ", not one ratio");
        }
        return ratioOf(sample);
    }

    /** A range query: one series sampled at {@code start}, {@code start + step}, … up to {@code end}. */
    public Series ratios(String promql, Instant start, Instant end, Duration step) {
        int points = (int) (Duration.between(start, end).toSeconds() / step.toSeconds()) + 1;
        Answer answer = send("/api/v1/query_range", Map.of("query", promql, "start", seconds(start), "end", seconds(end),
                "step", Long.toString(step.toSeconds())));
        if (answer.unavailable != null) {
            return new Series(List.of(), answer.unavailable);
        }
        if (!answer.data.path("resultType").asText("").equals("matrix")) {
            return new Series(List.of(), "Prometheus answered a range query with something other than a matrix");
        }
        JsonNode result = answer.data.path("result");
        if (result.size() > 1) {
            return new Series(List.of(), "the query gives " + result.size() + " series, not one ratio: aggregate it with sum(…)");
        }
        Map<Long, Double> byTime = new HashMap<>();
        if (result.size() == 1) {
            for (JsonNode sample : result.get(0).path("values")) {
                Reading reading = ratioOf(sample);
                if (reading.known()) {
                    byTime.put(sample.path(0).asLong(), reading.value());
                }
            }
        }
        List<Double> values = new ArrayList<>(points);
        for (int k = 0; k < points; k++) {
            values.add(byTime.get(start.getEpochSecond() + k * step.toSeconds()));
        }
        return new Series(values, null);
    }

    private static Reading ratioOf(JsonNode sample) {
        if (!sample.isArray() || sample.size() != 2 || !sample.get(1).isTextual()) {
            return Reading.missing("Prometheus answered a sample that is not [time, \"value\"]");
        }
        double value;
        try {
            value = Double.parseDouble(sample.get(1).asText());
        } catch (NumberFormatException e) {
            return Reading.missing("Prometheus answered a value that is not a number");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            // 0/0 when nothing was requested in the window: no traffic is not 100 % (nor 0 %)
            return Reading.missing("the ratio is " + sample.get(1).asText() + " (no traffic in the window?)");
        }
        // float rounding in rate() may step a hair past the bounds; more than that means the query is not good/total
        if (value < -1e-9 || value > 1 + 1e-9) {
            return Reading.missing("the query gives " + value + ", not a good/total ratio between 0 and 1");
        }
        return Reading.of(Math.max(0, Math.min(1, value)));
    }

    private record Answer(JsonNode data, String unavailable) {
    }

    private Answer send(String path, Map<String, String> parameters) {
        if (!configured()) {
            return new Answer(null, "not measured: HARBORMASTER_SLO_PROMETHEUS_URL is not set");
        }
        String base = settings.prometheusUrl().orElseThrow().strip().replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(base + path);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                return new Answer(null, "HARBORMASTER_SLO_PROMETHEUS_URL is not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            return new Answer(null, "HARBORMASTER_SLO_PROMETHEUS_URL is not a URL");
        }
        String form = new LinkedHashMap<>(parameters).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.prometheusTimeout())
                .header("Accept", "application/json").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new Answer(null, "Prometheus did not answer within " + settings.prometheusTimeout().toMillis() + " ms");
        } catch (IOException e) {
            return new Answer(null, "Prometheus cannot be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, "interrupted while waiting for Prometheus");
        }
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? null : json.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return new Answer(null, "Prometheus answered HTTP " + response.statusCode() + " with something that is not JSON");
        }
        if (!"success".equals(body.path("status").asText())) {
            String said = (body.path("errorType").asText("") + ": " + body.path("error").asText("")).strip()
                    .replaceAll("\\s+", " ");
            return new Answer(null, "Prometheus refused the query (HTTP " + response.statusCode() + ", "
                    + (said.length() > MAX_SAID ? said.substring(0, MAX_SAID) + "…" : said) + ")");
        }
        if (!body.path("data").isObject()) {
            return new Answer(null, "Prometheus answered success without data");
        }
        return new Answer(body.path("data"), null);
    }

    private static String seconds(Instant at) {
        return at.getEpochSecond() + (at.getNano() == 0 ? "" : String.format(java.util.Locale.ROOT, ".%03d", at.getNano() / 1_000_000));
    }
}
