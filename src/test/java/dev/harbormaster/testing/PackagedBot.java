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
import java.util.ArrayList;
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
        return launch(dataDir, port, signingSecret, log, extraEnv, List.of(), START_TIMEOUT, 500);
    }

    /**
     * As above, with JVM options before {@code -jar} (heap, GC, GC logging) and a start-up timeout of the caller's
     * choosing: a benchmark over a large catalog may take minutes to become ready, and measures how long. Readiness is
     * polled every 100 ms here, so that a start of a few seconds is measured to a tenth of a second.
     */
    public static PackagedBot start(Path dataDir, int port, String signingSecret, Path log, Map<String, String> extraEnv,
                                    List<String> jvmOptions, Duration startTimeout) throws Exception {
        return launch(dataDir, port, signingSecret, log, extraEnv, jvmOptions, startTimeout, 100);
    }

    private static PackagedBot launch(Path dataDir, int port, String signingSecret, Path log, Map<String, String> extraEnv,
                                      List<String> jvmOptions, Duration startTimeout, long pollMillis) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        // The AppCDS archive the build made names the jar as its folder sees it: with one, run from there, as the
        // image does.
        Path jar = Path.of(System.getProperty("harbormaster.jar")).toAbsolutePath();
        boolean withClassDataArchive = jvmOptions.stream().anyMatch(option -> option.startsWith("-XX:SharedArchiveFile="));
        command.add(withClassDataArchive ? jar.getFileName().toString() : jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile().getAbsoluteFile());
        if (withClassDataArchive) {
            builder.directory(jar.getParent().toFile());
        }
        Map<String, String> env = builder.environment();
        List.of("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_API_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "HARBORMASTER_CATALOG_DIR", "HARBORMASTER_AUDIT_KEY", "HARBORMASTER_AUDIT_KEY_FILE").forEach(env::remove);
        env.put("HARBORMASTER_DATA_DIR", dataDir.toAbsolutePath().toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("SLACK_SIGNING_SECRET", signingSecret);
        env.putAll(extraEnv);
        PackagedBot bot = new PackagedBot(builder.start(), log, port);
        bot.awaitReady(startTimeout, pollMillis);
        return bot;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(Duration timeout, long pollMillis) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
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
            Thread.sleep(pollMillis);
        }
        // not left running behind a failed start: it would hold its port and data directory
        close();
        throw new AssertionError("the bot was not ready within " + timeout + ":\n" + log());
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
