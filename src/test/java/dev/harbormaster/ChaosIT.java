package dev.harbormaster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harbormaster.testing.FaultProxy;
import dev.harbormaster.testing.PackagedBot;
import dev.harbormaster.testing.SignedSlackRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chaos drill of issue 13: two replicas of the packaged bot on one PostgreSQL, both talking to the Slack Web API
 * (the first replica's sandbox) through a fault-injecting proxy that answers 503s, 429s with Retry-After, loses the
 * answers of posts that landed, and times out; in the middle, one replica is killed with -9. When the storm is over:
 * every channel message the bot queued was delivered exactly once, every approval click on a live replica was
 * counted once, and every approved action ran once or was reported as of unknown outcome.
 */
class ChaosIT {

    private static final String SECRET = "chaos-it-secret";
    private static final int REQUESTS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Under target/, not a temporary folder: the replicas' logs are what to read when this fails. */
    private final Path work = Path.of("target", "chaos-it");

    @Test
    void everyMessageLandsOnceAndEveryApprovedActionRunsOnceThroughFaultsAndAKilledReplica() throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start()) {
            int sandboxPort = PackagedBot.freePort();
            try (FaultProxy slack = new FaultProxy("http://127.0.0.1:" + sandboxPort + "/sandbox/api/", 13, Duration.ofSeconds(6), 3)) {
                Map<String, String> shared = Map.of(
                        "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                        "QUARKUS_DATASOURCE_USERNAME", "postgres",
                        "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                        "HARBORMASTER_AUDIT_KEY", "chaos-replicas-share-this-audit-key-0123456789",
                        "SLACK_API_URL", slack.url(),
                        "HARBORMASTER_SLACK_HTTP_TIMEOUT", "4s",
                        "HARBORMASTER_APPROVALS_EXECUTION_LEASE", "8s");
                try (PackagedBot sandbox = PackagedBot.start(work.resolve("a"), sandboxPort, SECRET, work.resolve("a.log"), shared);
                     PackagedBot doomed = PackagedBot.start(work.resolve("b"), PackagedBot.freePort(), SECRET, work.resolve("b.log"), shared)) {
                    slack.storm(true);
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < REQUESTS; i++) {
                        String asked = sandbox.postJson("/sandbox/command", "{\"user\":\"alice\",\"channel\":\"payments\","
                                + "\"text\":\"scale payments-api " + (4 + i) + " --env production --reason chaos\"}");
                        Matcher id = Pattern.compile("#(\\d+)").matcher(asked);
                        assertTrue(id.find(), asked);
                        ids.add(id.group(1));
                    }

                    ExecutorService clickers = Executors.newFixedThreadPool(8);
                    List<Future<Integer>> clicks = new ArrayList<>();
                    for (int i = 0; i < REQUESTS / 2; i++) {
                        for (int click = 0; click < 4; click++) {
                            PackagedBot replica = click % 2 == 0 ? sandbox : doomed;
                            String id = ids.get(i);
                            clicks.add(clickers.submit(() -> approve(replica, id)));
                        }
                    }
                    for (Future<Integer> click : clicks) {
                        assertEquals(200, click.get(), "every click on a live replica is acknowledged");
                    }
                    ProcessHandle.of(doomed.pid()).orElseThrow().destroyForcibly();
                    clicks.clear();
                    for (int i = REQUESTS / 2; i < REQUESTS; i++) {
                        for (int click = 0; click < 2; click++) {
                            String id = ids.get(i);
                            clicks.add(clickers.submit(() -> approve(sandbox, id)));
                        }
                    }
                    for (Future<Integer> click : clicks) {
                        assertEquals(200, click.get(), "every click on the surviving replica is acknowledged");
                    }
                    clickers.shutdown();
                    Thread.sleep(10_000);
                    slack.storm(false);

                    DataSource database = postgres.getDatabase("postgres", "postgres");
                    awaitSettled(database, Duration.ofSeconds(150));
                    for (FaultProxy.Fault fault : FaultProxy.Fault.values()) {
                        assertTrue(slack.served(fault) > 0, "the storm served " + fault + ": " + slack.summary());
                    }

                    Map<String, Long> statuses = counts(database, "select status, count(*) from approval_request group by status");
                    assertEquals(REQUESTS, statuses.getOrDefault("SUCCEEDED", 0L) + statuses.getOrDefault("UNKNOWN", 0L),
                            "every approved action ran or is reported unknown: " + statuses + " "
                                    + counts(database, "select id || ' ' || status || ': ' || coalesce(outcome, ''), 1 "
                                    + "from approval_request where status not in ('SUCCEEDED', 'UNKNOWN')").keySet());
                    Map<String, Long> audit = counts(database, "select action, count(*) from audit_entry "
                            + "where action like 'approval.%' group by action");
                    assertEquals(statuses.getOrDefault("SUCCEEDED", 0L), audit.getOrDefault("approval.executed", 0L),
                            "each action ran once: " + audit);
                    assertEquals((long) REQUESTS, audit.getOrDefault("approval.voted", 0L), "bob's vote counted once per request: " + audit);
                    assertEquals(Map.of(), counts(database, "select status, count(*) from outbox_message "
                            + "where status <> 'SENT' group by status"), "every queued message was delivered");

                    Map<Long, Integer> landed = landedOutboxIds(sandbox);
                    List<Long> posts = ids(database, "select id from outbox_message where kind = 'POST'");
                    List<String> wrong = new ArrayList<>();
                    for (Long post : posts) {
                        int copies = landed.getOrDefault(post, 0);
                        if (copies != 1) {
                            wrong.add("outbox message " + post + " landed " + copies + " times");
                        }
                    }
                    assertEquals(List.of(), wrong, "every channel message exactly once (" + posts.size() + " posts)");
                }
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static int approve(PackagedBot replica, String requestId) throws Exception {
        String body = SignedSlackRequest.blockActionBody("UBOB", "approval.approve", requestId);
        long now = Instant.now().getEpochSecond();
        return replica.postSlack(body, now, SignedSlackRequest.sign(SECRET, now, body)).statusCode();
    }

    /** Every approval finished and the outbox empty (no message pending), or the deadline passed. */
    private static void awaitSettled(DataSource database, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            long open = counts(database, "select 'open', count(*) from approval_request "
                    + "where status in ('PENDING', 'APPROVED', 'EXECUTING')").getOrDefault("open", 0L);
            long pending = counts(database, "select 'pending', count(*) from outbox_message where status = 'PENDING'")
                    .getOrDefault("pending", 0L);
            if (open == 0 && pending == 0) {
                return;
            }
            Thread.sleep(1000);
        }
    }

    /** How many times each outbox id landed in any channel of the sandbox (the post's metadata carries it). */
    private static Map<Long, Integer> landedOutboxIds(PackagedBot sandbox) throws Exception {
        Map<Long, Integer> landed = new HashMap<>();
        for (JsonNode channel : JSON.readTree(sandbox.get("/sandbox/workspace")).path("channels")) {
            JsonNode messages = JSON.readTree(sandbox.get("/sandbox/messages?channel=" + channel.path("id").asText()));
            for (JsonNode message : messages) {
                JsonNode id = message.path("metadata").path("event_payload").path("outbox_id");
                if (id.canConvertToLong()) {
                    landed.merge(id.asLong(), 1, Integer::sum);
                }
            }
        }
        return landed;
    }

    private static Map<String, Long> counts(DataSource database, String sql) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static List<Long> ids(DataSource database, String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
