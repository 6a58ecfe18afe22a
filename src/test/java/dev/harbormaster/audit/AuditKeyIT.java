package dev.harbormaster.audit;

import dev.harbormaster.testing.PackagedBot;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit key as an operator meets it, with the packaged jar: the embedded default makes one and keeps it, an
 * external database without one (or with another than the log's) refuses to start and says why, and two replicas
 * starting and appending together on one database write one keyed chain.
 */
class AuditKeyIT {

    private static final String SECRET = "audit-key-it-secret";
    private static final String SHARED_KEY = "replicas-share-this-audit-key-from-their-secret-42";

    @TempDir
    Path work;

    @Test
    void theEmbeddedDefaultGeneratesAKeyOnlyItsOwnerCanReadAndKeepsItAcrossRestarts() throws Exception {
        Path dataDir = work.resolve("data");
        Path keyFile = dataDir.resolve("audit.key");
        int port = PackagedBot.freePort();
        String key;
        List<String> logs = new ArrayList<>();
        try (PackagedBot bot = PackagedBot.start(dataDir, port, SECRET, work.resolve("first.log"))) {
            key = Files.readString(keyFile).strip();
            assertTrue(key.matches("[0-9a-f]{64}"), "a 256-bit random key");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(keyFile));
            }
            assertTrue(answer(bot, "alice", "payments", "audit verify").contains(":white_check_mark: The audit chain of"));
            logs.add(bot.log());
        }
        try (PackagedBot bot = PackagedBot.start(dataDir, port, SECRET, work.resolve("second.log"))) {
            assertEquals(key, Files.readString(keyFile).strip(), "the same key after a restart");
            String verified = answer(bot, "alice", "payments", "audit verify");
            assertTrue(verified.contains(":white_check_mark: The audit chain of"), verified);
            assertEquals(1, count(answer(bot, "carol", "platform", "audit --limit 200"), "audit.key_adopted"));
            logs.add(bot.log());
        }
        for (String log : logs) {
            assertFalse(log.contains(key), "the audit key must never reach the log");
        }
    }

    @Test
    void twoReplicasOnOneDatabaseNeedASharedKeyAndWriteOneKeyedChain() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start()) {
            Map<String, String> database = Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "postgres");

            AssertionError refused = assertThrows(AssertionError.class, () -> PackagedBot.start(work.resolve("nokey"),
                    PackagedBot.freePort(), SECRET, work.resolve("nokey.log"), database));
            assertTrue(refused.getMessage().contains("No audit key: refusing to start.")
                    && refused.getMessage().contains("Set HARBORMASTER_AUDIT_KEY"), refused.getMessage());

            Map<String, String> shared = new HashMap<>(database);
            shared.put("HARBORMASTER_AUDIT_KEY", SHARED_KEY);
            ExecutorService starting = Executors.newFixedThreadPool(2);
            Future<PackagedBot> a = starting.submit(() -> PackagedBot.start(work.resolve("a"), PackagedBot.freePort(), SECRET,
                    work.resolve("a.log"), shared));
            Future<PackagedBot> b = starting.submit(() -> PackagedBot.start(work.resolve("b"), PackagedBot.freePort(), SECRET,
                    work.resolve("b.log"), shared));
            try (PackagedBot first = a.get(240, TimeUnit.SECONDS); PackagedBot second = b.get(240, TimeUnit.SECONDS)) {
                starting.shutdown();
                ExecutorService importers = Executors.newFixedThreadPool(6);
                List<Future<String>> imports = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    PackagedBot replica = i % 2 == 0 ? first : second;
                    String yaml = """
                            apiVersion: backstage.io/v1alpha1
                            kind: Component
                            metadata: {name: concurrent-%d}
                            spec: {type: service, lifecycle: production, owner: payments}
                            """.formatted(i);
                    imports.add(importers.submit(() -> replica.postJson("/sandbox/command", json("carol", "platform",
                            "catalog import " + yaml))));
                }
                for (Future<String> imported : imports) {
                    assertTrue(imported.get(60, TimeUnit.SECONDS).contains("\"status\":200"));
                }
                importers.shutdown();

                String verified = answer(second, "alice", "payments", "audit verify");
                assertTrue(verified.contains(":white_check_mark: The audit chain of"), verified);
                String log = answer(first, "carol", "platform", "audit --limit 200");
                assertEquals(1, count(log, "audit.key_adopted"), log);
                assertTrue(count(log, "catalog.imported") >= 12, log);
                for (PackagedBot replica : List.of(first, second)) {
                    assertFalse(replica.log().contains(SHARED_KEY), "the audit key must never reach the log");
                }
            }

            Map<String, String> otherKey = new HashMap<>(database);
            otherKey.put("HARBORMASTER_AUDIT_KEY", "a-different-key-than-the-one-the-log-was-keyed-with");
            AssertionError mismatched = assertThrows(AssertionError.class, () -> PackagedBot.start(work.resolve("c"),
                    PackagedBot.freePort(), SECRET, work.resolve("c.log"), otherKey));
            assertTrue(mismatched.getMessage().contains("The audit log was keyed with another audit key"), mismatched.getMessage());
            assertFalse(mismatched.getMessage().contains("a-different-key-than-the-one"), "nor in a refusal");
        }
    }

    /** What {@code user} is shown for a command typed in {@code channel}. */
    private static String answer(PackagedBot bot, String user, String channel, String text) throws Exception {
        bot.postJson("/sandbox/reset", "{}");
        String sent = bot.postJson("/sandbox/command", json(user, channel, text));
        assertTrue(sent.contains("\"status\":200"), sent);
        return bot.get("/sandbox/messages?channel=" + channel + "&user=" + user);
    }

    private static String json(String user, String channel, String text) {
        return "{\"user\":\"" + user + "\",\"channel\":\"" + channel + "\",\"text\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(text) + "}";
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
