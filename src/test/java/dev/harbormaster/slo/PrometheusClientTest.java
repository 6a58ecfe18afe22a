package dev.harbormaster.slo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Prometheus that is slow, down or says odd things gives a reason, never a number it did not give, nor an exception. */
class PrometheusClientTest {

    private static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");

    private HttpServer server;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> lastForm = new AtomicReference<>();
    private volatile long delayMillis;
    private PrometheusClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            lastForm.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException clientGaveUp) {
                // the client's time-out closed the connection
            }
        });
        server.start();
        client = client("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private PrometheusClient client(String url) {
        return client(url, Duration.ofSeconds(3));
    }

    private PrometheusClient client(String url, Duration timeout) {
        PrometheusClient prometheus = new PrometheusClient();
        prometheus.json = new ObjectMapper();
        prometheus.settings = new SloSettings() {
            @Override
            public Optional<String> prometheusUrl() {
                return Optional.ofNullable(url);
            }

            @Override
            public Duration prometheusTimeout() {
                return timeout;
            }

            @Override
            public String burnCheckEvery() {
                return "off";
            }

            @Override
            public Duration burnQuietFor() {
                return Duration.ofMinutes(30);
            }
        };
        return prometheus;
    }

    private String unavailable(String body) {
        answer.set(body);
        PrometheusClient.Reading reading = client.ratio("sum(rate(ok[5m]))/sum(rate(all[5m]))", AT);
        assertNull(reading.value(), "no number from " + body);
        return reading.unavailable();
    }

    private void assertUnavailable(String body, String expected) {
        String why = unavailable(body);
        assertTrue(why.contains(expected), expected + " in " + why);
    }

    private static String vector(String... values) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + String.join(",", Arrays.stream(values).map(v -> "{\"metric\":{},\"value\":[1796040000,\"" + v + "\"]}").toList())
                + "]}}";
    }

    @Test
    void aGoodAnswerIsTheRatioAskedAtTheTimeAsked() {
        answer.set(vector("0.9995"));
        assertEquals(0.9995, client.ratio("sum(rate(ok[5m]))/sum(rate(all[5m]))", AT).value());
        assertTrue(lastForm.get().contains("time=" + AT.getEpochSecond()), lastForm.get());
        assertTrue(lastForm.get().contains("query=sum%28rate%28ok%5B5m%5D%29%29"), "the query is form-encoded: " + lastForm.get());
    }

    @Test
    void oddAnswersAreReasonsNotNumbers() {
        assertUnavailable("<html>Bad gateway</html>", "not JSON");
        assertTrue(unavailable("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 3\"}")
                .contains("bad_data: parse error at char 3"));
        assertUnavailable(vector("NaN"), "NaN");
        assertUnavailable(vector(), "no data");
        assertUnavailable(vector("0.99", "0.98"), "2 series");
        assertUnavailable(vector("17"), "not a good/total ratio");
        assertUnavailable("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}", "matrix");
    }

    @Test
    void aSlowOrMissingPrometheusIsSaidSo() {
        delayMillis = 1_000;
        answer.set(vector("0.99"));
        PrometheusClient.Reading slow = client("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofMillis(300))
                .ratio("up", AT);
        assertNull(slow.value());
        assertTrue(slow.unavailable().contains("did not answer within 300 ms"), slow.unavailable());
        delayMillis = 0;
        int port = server.getAddress().getPort();
        server.stop(0);
        PrometheusClient.Reading down = client("http://127.0.0.1:" + port).ratio("up", AT);
        assertTrue(down.unavailable().contains("cannot be reached"), down.unavailable());
        assertEquals("not measured: HARBORMASTER_SLO_PROMETHEUS_URL is not set", client(null).ratio("up", AT).unavailable());
    }

    @Test
    void aRangeQueryHasAGapWherePrometheusHadNoPoint() {
        long start = AT.getEpochSecond();
        long week = Duration.ofDays(7).toSeconds();
        answer.set("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[["
                + (start + week) + ",\"0.999\"],[" + (start + 2 * week) + ",\"NaN\"]]}]}}");
        PrometheusClient.Series series = client.ratios("q", AT, AT.plus(Duration.ofDays(14)), Duration.ofDays(7));
        assertNull(series.unavailable());
        assertEquals(Arrays.asList(null, 0.999, null), series.values());
    }
}
