package dev.harbormaster.slo;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus 2.42 (Debian's {@code prometheus}) on loopback over a TSDB backfilled with
 * {@link BackfilledRequests} by {@code promtool tsdb create-blocks-from openmetrics}; the bot's
 * {@code harbormaster.slo.prometheus-url} points at it. It scrapes nothing. Attached to the real-Alertmanager
 * profile so that it costs no Quarkus restart of its own.
 */
public final class RealPrometheus implements QuarkusTestResourceLifecycleManager {

    /** The end of the backfilled data, in epoch seconds, for the tests to compute their expectations from. */
    public static final String DATA_END = "test.prometheus.data-end";
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);

    private Process process;

    @Override
    public Map<String, String> start() {
        BackfilledRequests data = BackfilledRequests.endingBeforeNow();
        try {
            Path dir = Files.createTempDirectory("prometheus");
            Path openMetrics = dir.resolve("requests.om");
            Files.writeString(openMetrics, data.openMetrics());
            Path tsdb = dir.resolve("tsdb");
            // one block for the whole month instead of 360 two-hour ones: Prometheus starts faster on it
            run(dir, "promtool", "tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=1000h", "-q",
                    openMetrics.toString(), tsdb.toString());
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, "global:\n  scrape_interval: 1h\n");
            int port = freePort();
            process = new ProcessBuilder(List.of("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + tsdb,
                    "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            String url = "http://127.0.0.1:" + port;
            awaitReady(url);
            return Map.of("harbormaster.slo.prometheus-url", url, DATA_END, Long.toString(data.end.getEpochSecond()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Prometheus (apt-get install prometheus)", e);
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        Path log = dir.resolve(command[0] + ".log");
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                tool.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void awaitReady(String url) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("Prometheus at " + url + " was not ready within " + READY_WITHIN);
    }

    @Override
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
