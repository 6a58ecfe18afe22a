package dev.harbormaster.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged bot as a user runs it ({@code java -jar target/quarkus-app/quarkus-run.jar}) on the
 * embedded default, on a loopback port, for integration tests and benchmarks.
 */
public final class PackagedBot implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PackagedBot(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the jar with the given data directory and signing secret and waits until it is ready. */
    public static PackagedBot start(Path dataDir, int port, String signingSecret, Path log) throws Exception {
        return start(dataDir, port, signingSecret, log, Map.of());
    }

    /**
     * As above, with extra environment, e.g. {@code QUARKUS_DATASOURCE_JDBC_URL} for a shared database, which
     * needs a shared {@code HARBORMASTER_AUDIT_KEY} too.
     */
    public static PackagedBot start(Path dataDir, int port, String signingSecret, Path log, Map<String, String> extraEnv)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("harbormaster.jar"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        List.of("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_API_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "HARBORMASTER_CATALOG_DIR", "HARBORMASTER_AUDIT_KEY", "HARBORMASTER_AUDIT_KEY_FILE").forEach(env::remove);
        env.put("HARBORMASTER_DATA_DIR", dataDir.toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("SLACK_SIGNING_SECRET", signingSecret);
        env.putAll(extraEnv);
        PackagedBot bot = new PackagedBot(builder.start(), log, port);
        bot.awaitReady();
        return bot;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the bot exited during start-up:\n" + log());
            }
            try {
                if (get("/q/health/ready").contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the bot was not ready within " + START_TIMEOUT + ":\n" + log());
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    public String postJson(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    public HttpResponse<String> postSlack(String body, long timestamp, String signature) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", signature)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops it the way Kubernetes does (SIGTERM), so the embedded PostgreSQL shuts down cleanly. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
