package dev.harbormaster;

import dev.harbormaster.testing.PackagedBot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Start-up on a machine whose cores are all busy (two {@code yes > /dev/null}, as many as this machine has cores or
 * two at least) still reaches ready, with a catalog folder imported and the simulated cluster seeded in the
 * background; the restart that follows finds the folder unchanged and imports nothing.
 */
class SaturatedStartIT {

    private static final String SECRET = "saturated-start-it-secret";

    @TempDir
    Path work;

    @Test
    void reachesReadyWithEveryCoreBusyAndARestartImportsNothingUnchanged() throws Exception {
        Path catalogDir = Files.createDirectories(work.resolve("catalog"));
        try (Stream<Path> demo = Files.list(Path.of("src/main/resources/demo-catalog"))) {
            for (Path file : demo.filter(f -> !f.getFileName().toString().equals("location.yaml")).toList()) {
                Files.copy(file, catalogDir.resolve(file.getFileName()));
            }
        }
        Map<String, String> env = Map.of("HARBORMASTER_CATALOG_DIR", catalogDir.toString());
        Path dataDir = work.resolve("data");
        int port = PackagedBot.freePort();
        List<Process> burners = new ArrayList<>();
        try {
            for (int i = 0; i < Math.max(2, Runtime.getRuntime().availableProcessors()); i++) {
                burners.add(new ProcessBuilder("sh", "-c", "exec yes > /dev/null").start());
            }
            try (PackagedBot bot = PackagedBot.start(dataDir, port, SECRET, work.resolve("first.log"), env)) {
                // the folder is imported in the background after ready; the simulated cluster is seeded after it
                awaitLog(bot, "Catalog import from ");
                assertTrue(bot.log().contains("Catalog import from " + catalogDir + ": 5 files read"), bot.log());
                String status = statusOfPaymentsApi(bot);
                assertTrue(status.contains("1.0.0"), "the simulated cluster runs the catalog's services: " + status);
                awaitLog(bot, "Simulated cluster: ");
            }
            try (PackagedBot bot = PackagedBot.start(dataDir, port, SECRET, work.resolve("second.log"), env)) {
                awaitLog(bot, "Catalog import from ");
                assertTrue(bot.log().contains("Catalog import from " + catalogDir + ": 0 files read, 5 unchanged since "
                        + "the last import and skipped"), bot.log());
                assertTrue(statusOfPaymentsApi(bot).contains("1.0.0"));
            }
        } finally {
            burners.forEach(Process::destroyForcibly);
        }
    }

    private static String statusOfPaymentsApi(PackagedBot bot) throws Exception {
        bot.postJson("/sandbox/reset", "{}");
        bot.postJson("/sandbox/command", "{\"user\":\"alice\",\"channel\":\"payments\",\"text\":\"status payments-api\"}");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String messages = "";
        while (Instant.now().isBefore(deadline)) {
            messages = bot.get("/sandbox/messages?channel=payments");
            if (messages.contains("payments-api") && messages.contains("staging")) {
                return messages;
            }
            Thread.sleep(250);
        }
        return messages;
    }

    private static void awaitLog(PackagedBot bot, String line) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!bot.log().contains(line)) {
            assertTrue(Instant.now().isBefore(deadline), "no \"" + line + "\" in the log:\n" + bot.log());
            Thread.sleep(250);
        }
    }
}
