package dev.harbormaster.alert;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real Prometheus Alertmanager 0.25 processes on loopback for the alert tests (Debian's prometheus-alertmanager):
 * {@code single} with gossip off, and an HA pair {@code ha1} + {@code ha2} peering on loopback. Their webhook points
 * at the bot under test with the bearer token, with short group_wait and group_interval. The profile names them as
 * the bot's Alertmanagers, so silences go back to them.
 */
public final class RealAlertmanagers implements QuarkusTestResourceLifecycleManager {

    static final String BINARY = "/usr/bin/prometheus-alertmanager";
    private static final Duration READY_WITHIN = Duration.ofSeconds(20);

    /** The profile shared by the tests that need real Alertmanagers (and a real Prometheus): one Quarkus start for all. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            // a real Prometheus for the SLO tests rides along: a profile of its own would cost a Quarkus restart
            return List.of(new TestResourceEntry(RealAlertmanagers.class),
                    new TestResourceEntry(dev.harbormaster.slo.RealPrometheus.class));
        }
    }

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        int botPort = Integer.parseInt(System.getenv().getOrDefault("HARBORMASTER_TEST_PORT", "8081"));
        int single = freePort();
        int ha1 = freePort();
        int ha2 = freePort();
        int gossip1 = freePort();
        int gossip2 = freePort();
        String config = """
                route:
                  receiver: harbormaster
                  group_by: [alertname, service]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: harbormaster
                    webhook_configs:
                      - url: http://127.0.0.1:%d/alerts/alertmanager
                        send_resolved: true
                        http_config:
                          authorization:
                            credentials: %s
                """.formatted(botPort, AlertPayloads.TOKEN);
        start("single", single, config, "--cluster.listen-address=");
        start("ha1", ha1, config, "--cluster.listen-address=127.0.0.1:" + gossip1, "--cluster.peer=127.0.0.1:" + gossip2,
                "--cluster.gossip-interval=50ms", "--cluster.pushpull-interval=1s", "--cluster.peer-timeout=1s");
        start("ha2", ha2, config, "--cluster.listen-address=127.0.0.1:" + gossip2, "--cluster.peer=127.0.0.1:" + gossip1,
                "--cluster.gossip-interval=50ms", "--cluster.pushpull-interval=1s", "--cluster.peer-timeout=1s");
        for (int port : List.of(single, ha1, ha2)) {
            awaitReady(port);
        }
        return Map.of(
                "harbormaster.alerts.alertmanagers.single.url", url(single),
                "harbormaster.alerts.alertmanagers.ha1.url", url(ha1),
                "harbormaster.alerts.alertmanagers.ha2.url", url(ha2));
    }

    private void start(String name, int port, String config, String... cluster) {
        try {
            Path dir = Files.createTempDirectory("alertmanager-" + name);
            directories.add(dir);
            Path configFile = dir.resolve("alertmanager.yml");
            Files.writeString(configFile, config);
            List<String> command = new ArrayList<>(List.of(BINARY, "--config.file=" + configFile,
                    "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--web.external-url=" + url(port), "--log.level=warn"));
            command.addAll(List.of(cluster));
            processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("alertmanager.log").toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + BINARY + " (apt-get install prometheus-alertmanager)", e);
        }
    }

    private static void awaitReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(url(port) + "/-/ready"))
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
        throw new IllegalStateException("Alertmanager on port " + port + " was not ready within " + READY_WITHIN);
    }

    @Override
    public void stop() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
