package dev.harbormaster;

import dev.harbormaster.testing.SignedSlackRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's run command, as a newcomer uses it: the packaged jar with no configuration starts the
 * embedded PostgreSQL and the sandbox, answers a command driven through the sandbox and a hand-signed
 * one, refuses forged and stale ones, and still knows what it learned after a restart.
 */
class EmbeddedDefaultIT {

    private static final String SECRET = "embedded-default-it-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process bot;

    @TempDir
    Path work;

    @AfterEach
    void stopBot() throws InterruptedException {
        stop();
    }

    @Test
    void runsOnTheEmbeddedDefaultAndKeepsTheCatalogAcrossRestarts() throws Exception {
        Path dataDir = work.resolve("data");
        int port = freePort();
        start(dataDir, port, "first");

        String owner = sandboxCommand(port, "alice", "payments", "owner payments-api");
        assertTrue(owner.contains("\"status\":200"), owner);
        String messages = get(port, "/sandbox/messages?channel=payments");
        assertTrue(messages.contains("payments-api") && messages.contains("ephemeral_to"), messages);

        String body = SignedSlackRequest.slashCommandBody("UALICE", "CPAYMENTS", "service payments-api",
                "http://127.0.0.1:" + port + "/sandbox/response/none");
        HttpResponse<String> signed = postSlack(port, body, Instant.now().getEpochSecond(), null);
        assertEquals(200, signed.statusCode());
        assertTrue(signed.body().contains("payments-api"), signed.body());

        long now = Instant.now().getEpochSecond();
        assertEquals(401, postSlack(port, body, now, SignedSlackRequest.sign("forged", now, body)).statusCode());
        assertEquals(401, postSlack(port, body, now - 360, null).statusCode());
        assertEquals(401, postSlack(port, body, now + 360, null).statusCode());

        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: restart-survivor
                  description: Registered before a restart
                spec:
                  type: service
                  lifecycle: production
                  owner: payments
                """;
        String imported = sandboxCommand(port, "carol", "platform", "catalog import " + yaml);
        assertTrue(imported.contains("\"status\":200"), imported);
        assertTrue(sandboxLookup(port, "restart-survivor"), "imported service visible before the restart");

        stop();
        start(dataDir, port, "second");
        assertTrue(sandboxLookup(port, "restart-survivor"), "imported service still there after the restart");
        stop();
        for (String run : List.of("first", "second")) {
            String log = log(run);
            assertFalse(log.contains(SECRET), "the signing secret must never reach the log");
            assertFalse(log.contains("xoxb-"), "no bot token in the log");
        }
    }

    private boolean sandboxLookup(int port, String service) throws Exception {
        post(port, "/sandbox/reset", "{}");
        sandboxCommand(port, "bob", "payments", "service " + service);
        String messages = get(port, "/sandbox/messages?channel=payments");
        return messages.contains(service) && !messages.contains("No service named");
    }

    private void start(Path dataDir, int port, String name) throws Exception {
        Files.createDirectories(work);
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", System.getProperty("harbormaster.jar"))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("bot-" + name + ".log").toFile());
        Map<String, String> env = builder.environment();
        List.of("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_API_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "HARBORMASTER_CATALOG_DIR").forEach(env::remove);
        env.put("HARBORMASTER_DATA_DIR", dataDir.toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("SLACK_SIGNING_SECRET", SECRET);
        bot = builder.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            assertTrue(bot.isAlive(), () -> "the bot exited during start-up:\n" + log(name));
            try {
                if (get(port, "/q/health/ready").contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the bot was not ready within " + START_TIMEOUT + ":\n" + log(name));
    }

    private void stop() throws InterruptedException {
        if (bot != null && bot.isAlive()) {
            bot.destroy();
            if (!bot.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                bot.destroyForcibly().waitFor();
            }
        }
        bot = null;
    }

    private String log(String name) {
        try {
            return Files.readString(work.resolve("bot-" + name + ".log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private String sandboxCommand(int port, String user, String channel, String text) throws Exception {
        String json = "{\"user\":\"" + user + "\",\"channel\":\"" + channel + "\",\"text\":" + quote(text) + "}";
        return post(port, "/sandbox/command", json);
    }

    private HttpResponse<String> postSlack(int port, String body, long timestamp, String signature) throws Exception {
        String sig = signature != null ? signature : SignedSlackRequest.sign(SECRET, timestamp, body);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", sig)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String post(int port, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
