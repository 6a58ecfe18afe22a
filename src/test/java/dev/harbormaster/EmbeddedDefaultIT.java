package dev.harbormaster;

import dev.harbormaster.testing.PackagedBot;
import dev.harbormaster.testing.SignedSlackRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

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

    @TempDir
    Path work;

    @Test
    void runsOnTheEmbeddedDefaultAndKeepsTheCatalogAcrossRestarts() throws Exception {
        Path dataDir = work.resolve("data");
        int port = PackagedBot.freePort();
        String firstLog;
        try (PackagedBot bot = PackagedBot.start(dataDir, port, SECRET, work.resolve("first.log"))) {
            String owner = sandboxCommand(bot, "alice", "payments", "owner payments-api");
            assertTrue(owner.contains("\"status\":200"), owner);
            String messages = bot.get("/sandbox/messages?channel=payments");
            assertTrue(messages.contains("payments-api") && messages.contains("ephemeral_to"), messages);

            String body = SignedSlackRequest.slashCommandBody("UALICE", "CPAYMENTS", "service payments-api",
                    "http://127.0.0.1:" + port + "/sandbox/response/none");
            long now = Instant.now().getEpochSecond();
            var signed = bot.postSlack(body, now, SignedSlackRequest.sign(SECRET, now, body));
            assertEquals(200, signed.statusCode());
            assertTrue(signed.body().contains("payments-api"), signed.body());

            now = Instant.now().getEpochSecond();
            assertEquals(401, bot.postSlack(body, now, SignedSlackRequest.sign("forged", now, body)).statusCode());
            assertEquals(401, bot.postSlack(body, now - 360, SignedSlackRequest.sign(SECRET, now - 360, body)).statusCode());
            assertEquals(401, bot.postSlack(body, now + 360, SignedSlackRequest.sign(SECRET, now + 360, body)).statusCode());

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
            String imported = sandboxCommand(bot, "carol", "platform", "catalog import " + yaml);
            assertTrue(imported.contains("\"status\":200"), imported);
            assertTrue(knows(bot, "restart-survivor"), "imported service visible before the restart");
            firstLog = bot.log();
        }
        String secondLog;
        try (PackagedBot bot = PackagedBot.start(dataDir, port, SECRET, work.resolve("second.log"))) {
            assertTrue(knows(bot, "restart-survivor"), "imported service still there after the restart");
            secondLog = bot.log();
        }
        for (String log : new String[]{firstLog, secondLog}) {
            assertFalse(log.contains(SECRET), "the signing secret must never reach the log");
            assertFalse(log.contains("xoxb-"), "no bot token in the log");
        }
    }

    private static boolean knows(PackagedBot bot, String service) throws Exception {
        bot.postJson("/sandbox/reset", "{}");
        sandboxCommand(bot, "bob", "payments", "service " + service);
        String messages = bot.get("/sandbox/messages?channel=payments");
        return messages.contains(service) && !messages.contains("No service named");
    }

    private static String sandboxCommand(PackagedBot bot, String user, String channel, String text) throws Exception {
        return bot.postJson("/sandbox/command", "{\"user\":\"" + user + "\",\"channel\":\"" + channel + "\",\"text\":"
                + "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}");
    }
}
