package dev.harbormaster.benchmark;

import dev.harbormaster.testing.PackagedBot;
import dev.harbormaster.testing.SignedSlackRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Measures, not asserts: start-up time of the packaged bot on the embedded default, the time Slack
 * waits for an acknowledgement of a catalog look-up under concurrent load, and the bot's memory.
 * Run with {@code mvn -B verify -Pbenchmark}; results go to target/benchmarks/ack-latency.txt.
 */
@Tag("benchmark")
class AckLatencyBenchmarkIT {

    private static final String SECRET = "benchmark-secret";
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 2000);
    private static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 8);

    @TempDir
    Path work;

    @Test
    void ackLatencyOfCatalogLookups() throws Exception {
        Instant launched = Instant.now();
        try (PackagedBot bot = PackagedBot.start(work.resolve("data"), PackagedBot.freePort(), SECRET, work.resolve("bot.log"))) {
            Duration startup = Duration.between(launched, Instant.now());
            String idleRss = memory(bot.pid());
            warmUp(bot);
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
            Instant begin = Instant.now();
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String text = i % 2 == 0 ? "service payments-api" : "owner payments-api";
                statuses.add(clients.submit(() -> timedCommand(bot, text, latencies)));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get());
            }
            Duration elapsed = Duration.between(begin, Instant.now());
            clients.shutdown();
            Collections.sort(latencies);
            String report = String.format(
                    "start-up to ready (embedded PostgreSQL, first run with initdb): %d ms%n"
                            + "memory after start: %s%n"
                            + "%d signed slash commands (service/owner look-ups), %d concurrent clients on loopback:%n"
                            + "  throughput %.0f req/s; ack latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n"
                            + "memory after load: %s%n",
                    startup.toMillis(), idleRss, REQUESTS, CONCURRENCY, REQUESTS / (elapsed.toMillis() / 1000.0),
                    percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                    latencies.get(latencies.size() - 1) / 1e6, memory(bot.pid()));
            System.out.println(report);
            Path out = Path.of("target", "benchmarks");
            Files.createDirectories(out);
            Files.writeString(out.resolve("ack-latency.txt"), report);
        }
    }

    private static void warmUp(PackagedBot bot) throws Exception {
        List<Long> ignored = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            timedCommand(bot, "service payments-api", ignored);
        }
    }

    private static int timedCommand(PackagedBot bot, String text, List<Long> latencies) throws Exception {
        String body = SignedSlackRequest.slashCommandBody("UALICE", "CPAYMENTS", text,
                "http://127.0.0.1:" + bot.port() + "/sandbox/response/none");
        long now = Instant.now().getEpochSecond();
        long start = System.nanoTime();
        int status = bot.postSlack(body, now, SignedSlackRequest.sign(SECRET, now, body)).statusCode();
        latencies.add(System.nanoTime() - start);
        return status;
    }

    private static double percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    /** Resident and peak memory of the bot's JVM (the embedded PostgreSQL runs in its own processes). */
    private static String memory(long pid) throws Exception {
        List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        String rss = status.stream().filter(l -> l.startsWith("VmRSS")).findFirst().orElse("VmRSS ?").replaceAll("\\s+", " ");
        String peak = status.stream().filter(l -> l.startsWith("VmHWM")).findFirst().orElse("VmHWM ?").replaceAll("\\s+", " ");
        return rss + ", peak " + peak.replace("VmHWM: ", "");
    }
}
