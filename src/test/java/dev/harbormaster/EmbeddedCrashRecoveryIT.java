package dev.harbormaster;

import dev.harbormaster.testing.PackagedBot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a bot on the embedded default (issue 13, item 5): its PostgreSQL keeps running, and the next start must
 * just work, on the same port, with what was committed before the kill.
 */
class EmbeddedCrashRecoveryIT {

    private static final String SECRET = "crash-recovery-it-secret";

    @TempDir
    Path work;

    @Test
    void aRestartAfterKillNineFindsTheLeftoverServerAndKeepsPortAndData() throws Exception {
        Path dataDir = work.resolve("data");
        int botPort = PackagedBot.freePort();
        int pgPort = PackagedBot.freePort();
        Map<String, String> env = Map.of("HARBORMASTER_EMBEDDED_POSTGRES_PORT", Integer.toString(pgPort));

        PackagedBot killed = PackagedBot.start(dataDir, botPort, SECRET, work.resolve("first.log"), env);
        String imported = killed.postJson("/sandbox/command", """
                {"user":"carol","channel":"platform","text":"catalog import apiVersion: backstage.io/v1alpha1\\nkind: Component\\nmetadata:\\n  name: crash-survivor\\nspec: {type: service, lifecycle: production, owner: payments}"}""");
        assertTrue(imported.contains("\"status\":200"), imported);
        ProcessHandle bot = ProcessHandle.of(killed.pid()).orElseThrow();
        bot.destroyForcibly();
        bot.onExit().get(30, TimeUnit.SECONDS);
        ProcessHandle leftover = postmaster(dataDir).orElseThrow(() -> new AssertionError("kill -9 leaves PostgreSQL running"));
        assertTrue(leftover.isAlive());

        try (PackagedBot restarted = PackagedBot.start(dataDir, botPort, SECRET, work.resolve("second.log"), env)) {
            assertTrue(restarted.log().contains("left by a bot that did not stop cleanly"), restarted.log());
            restarted.postJson("/sandbox/reset", "{}");
            restarted.postJson("/sandbox/command", "{\"user\":\"bob\",\"channel\":\"payments\",\"text\":\"service crash-survivor\"}");
            String messages = restarted.get("/sandbox/messages?channel=payments");
            assertTrue(messages.contains("crash-survivor") && !messages.contains("No service named"), messages);

            try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "");
                 Statement sql = db.createStatement()) {
                assertEquals("on", setting(sql, "synchronous_commit"), "a reported commit survives a crash");
                assertEquals("on", setting(sql, "fsync"));
            }
            Path serverLog = dataDir.resolve("postgres.log");
            assertTrue(Files.exists(serverLog) && Files.size(serverLog) > 0, "the server's own log is kept in the data directory");
        }
        assertTrue(postmaster(dataDir).isEmpty(), "a clean stop stops PostgreSQL too");
    }

    private static String setting(Statement sql, String name) throws Exception {
        try (ResultSet row = sql.executeQuery("show " + name)) {
            row.next();
            return row.getString(1);
        }
    }

    private static Optional<ProcessHandle> postmaster(Path dataDir) throws Exception {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim())).filter(ProcessHandle::isAlive);
    }
}
