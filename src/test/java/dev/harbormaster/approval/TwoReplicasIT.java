package dev.harbormaster.approval;

import dev.harbormaster.testing.PackagedBot;
import dev.harbormaster.testing.SignedSlackRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas of the packaged bot on one PostgreSQL, as in production: bob's approve clicks land on
 * both at once, and the transfer still runs exactly once.
 */
class TwoReplicasIT {

    private static final String SECRET = "two-replicas-secret";

    @TempDir
    Path work;

    @Test
    void concurrentApprovalsOnTwoReplicasExecuteOnce() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start()) {
            Map<String, String> shared = Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                    "HARBORMASTER_AUDIT_KEY", "two-replicas-share-this-audit-key-0123456789");
            try (PackagedBot first = PackagedBot.start(work.resolve("a"), PackagedBot.freePort(), SECRET, work.resolve("a.log"), shared);
                 PackagedBot second = PackagedBot.start(work.resolve("b"), PackagedBot.freePort(), SECRET, work.resolve("b.log"), shared)) {
                String asked = first.postJson("/sandbox/command",
                        "{\"user\":\"alice\",\"channel\":\"payments\",\"text\":\"service transfer payments-api --to platform\"}");
                Matcher id = Pattern.compile("#(\\d+)").matcher(asked);
                assertTrue(id.find(), asked);

                ExecutorService clickers = Executors.newFixedThreadPool(10);
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    PackagedBot replica = i % 2 == 0 ? first : second;
                    statuses.add(clickers.submit(() -> approve(replica, id.group(1))));
                }
                for (Future<Integer> status : statuses) {
                    assertEquals(200, status.get());
                }
                clickers.shutdown();

                String audit = waitForExecution(first);
                assertEquals(1, count(audit, "approval.executed"), audit);
                assertEquals(1, count(audit, "approval.voted"), audit);
                for (PackagedBot replica : List.of(first, second)) {
                    replica.postJson("/sandbox/reset", "{}");
                    String card = replica.postJson("/sandbox/command",
                            "{\"user\":\"bob\",\"channel\":\"payments\",\"text\":\"owner payments-api\"}");
                    assertTrue(card.contains("owned by *platform*"), card);
                }
            }
        }
    }

    private static String waitForExecution(PackagedBot bot) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        String audit = "";
        while (System.currentTimeMillis() < deadline) {
            audit = bot.postJson("/sandbox/command", "{\"user\":\"carol\",\"channel\":\"platform\",\"text\":\"audit payments-api\"}");
            if (audit.contains("approval.executed")) {
                Thread.sleep(2000);
                return bot.postJson("/sandbox/command", "{\"user\":\"carol\",\"channel\":\"platform\",\"text\":\"audit payments-api\"}");
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the transfer never ran: " + audit);
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    private static int approve(PackagedBot replica, String requestId) throws Exception {
        String body = SignedSlackRequest.blockActionBody("UBOB", "approval.approve", requestId);
        long now = Instant.now().getEpochSecond();
        return replica.postSlack(body, now, SignedSlackRequest.sign(SECRET, now, body)).statusCode();
    }
}
