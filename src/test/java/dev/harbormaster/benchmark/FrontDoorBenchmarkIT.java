package dev.harbormaster.benchmark;

import dev.harbormaster.testing.PackagedBot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import static dev.harbormaster.benchmark.BenchmarkReport.mib;
import static dev.harbormaster.benchmark.BenchmarkReport.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark of issue 14, "Fast at the door": the packaged bot over an organisation-sized catalog (50,000 services
 * in 500 teams), measured against a bare Bolt-for-Java app doing the same work with no database, on this machine.
 *
 * <ol>
 *   <li>start-up: launch → ready and launch → the catalog import's summary line on a fresh data directory; idle RSS;
 *       then a restart on the same data directory and catalog folder (an unchanged folder should cost no import);</li>
 *   <li>acknowledgement latency of {@code /platform owner svc-N} under an open-loop constant rate (50, 100, 200,
 *       300 req/s), the floor and the bot interleaved and the whole ladder repeated, with the bot/floor p99 ratio;</li>
 *   <li>misspelt names (did-you-mean over the whole catalog) at 50 req/s, and 40 kB command lines against short ones, 25 each (the floor too);</li>
 *   <li>the sustained rate: the bot, the floor and the same app on Bolt for JavaScript (installed from npm into
 *       {@code target/bolt-js}; reported as not measured when Node or npm is missing) climb a ladder of rates until p99
 *       passes 200 ms or a request fails;</li>
 *   <li>RSS under load and the GC pauses from the bot's GC log; a last start with native memory tracking, idle, for what
 *       its memory is made of;</li>
 *   <li>a table of the issue's goals against this run, with what limits each one missed, measured in this run: the phases
 *       of a start from the bot's log, CPU per request against the floor's, the floor's own tail, memory by part.</li>
 * </ol>
 *
 * It measures and does not judge: the only assertions are that things worked (the bot and the floors answer a sample
 * with the right owner). Results go to {@code target/benchmarks/front-door.md} (also printed), raw latencies to
 * {@code front-door-latencies.csv}, the bot's logs and GC logs next to them.
 *
 * <p>Run: {@code mvn -B verify -Pbenchmark -Dit.test=FrontDoorBenchmarkIT}; for development
 * {@code -Dbenchmark.services=2000 -Dbenchmark.seconds=5 -Dbenchmark.repetitions=1}. Other knobs (system properties,
 * defaults in the constants below): {@code benchmark.rates} (comma-separated), {@code benchmark.jvmOptions} (the bot's
 * and the floor's; the harness always adds a GC log and exit-on-OOM for the bot), {@code benchmark.warmupRequests},
 * {@code benchmark.warmupRate}, {@code benchmark.misspeltRate}, {@code benchmark.misspeltSeconds},
 * {@code benchmark.lateAnswerWaitSeconds}, {@code benchmark.startTimeoutSeconds}, {@code benchmark.importTimeoutSeconds},
 * {@code benchmark.restartImportWaitSeconds}, {@code benchmark.settleSeconds}, {@code benchmark.sustainedRates},
 * {@code benchmark.sustainedSeconds}. Every phase is bounded in time and
 * count; everything listens on 127.0.0.1 only.
 */
@Tag("benchmark")
class FrontDoorBenchmarkIT {

    private static final String SECRET = "benchmark-signing-secret";
    private static final int SERVICES = Integer.getInteger("benchmark.services", 50_000);
    private static final List<Integer> RATES = Arrays.stream(System.getProperty("benchmark.rates", "50,100,200,300").split(","))
            .map(String::trim).map(Integer::valueOf).toList();
    private static final int SECONDS = Integer.getInteger("benchmark.seconds", 20);
    private static final int REPETITIONS = Integer.getInteger("benchmark.repetitions", 2);
    private static final int WARM_UP_REQUESTS = Integer.getInteger("benchmark.warmupRequests", 3000);
    private static final int WARM_UP_RATE = Integer.getInteger("benchmark.warmupRate", 100);
    private static final int AFTER_WARM_UP_SECONDS = Integer.getInteger("benchmark.afterWarmupSeconds", 15);
    private static final int MISSPELT_RATE = Integer.getInteger("benchmark.misspeltRate", 50);
    private static final int MISSPELT_SECONDS = Integer.getInteger("benchmark.misspeltSeconds", 20);
    /** How long after a misspelt-name run to wait for deferred answers still owed to response_url. */
    private static final int LATE_ANSWER_WAIT_SECONDS = Integer.getInteger("benchmark.lateAnswerWaitSeconds", 40);
    /** Today a 50k import runs inside start-up and takes minutes; the harness must outwait it to measure it. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Integer.getInteger("benchmark.startTimeoutSeconds", 1800));
    /** After the change the import runs after readiness: how long to wait for its summary line. */
    private static final long IMPORT_WAIT_MILLIS = Integer.getInteger("benchmark.importTimeoutSeconds", 1800) * 1000L;
    /** On a restart with an unchanged folder there may be no import line at all: wait this long, then say so. */
    private static final long RESTART_IMPORT_WAIT_MILLIS = Integer.getInteger("benchmark.restartImportWaitSeconds", 30) * 1000L;
    /** How long after that to wait for the simulated cluster's seeding to end before the load. */
    private static final long SEEDING_WAIT_MILLIS = Integer.getInteger("benchmark.seedingWaitSeconds", 300) * 1000L;
    private static final String JVM_OPTIONS = System.getProperty("benchmark.jvmOptions",
            "-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Xms64m -Xmx256m -XX:G1PeriodicGCInterval=10000 -XX:MinHeapFreeRatio=10 "
                    + "-XX:MaxHeapFreeRatio=30 -XX:-ClassUnloadingWithConcurrentMark");
    /**
     * A pause before each measured run, so that a backlog one target still works through does not land in the next
     * run's figures (the bot's queue behind a 300 req/s run would otherwise steal the floor's cores).
     */
    private static final int LINES_EACH = 25;
    private static final int SETTLE_SECONDS = Integer.getInteger("benchmark.settleSeconds", 3);
    /** The sustained-rate ladder: each target climbs until a rung's p99 exceeds 200 ms or one request fails. */
    private static final List<Integer> SUSTAINED_RATES = Arrays.stream(System.getProperty("benchmark.sustainedRates",
            "400,800,1200,1600,2000,2400,2800,3200").split(",")).map(String::trim).map(Integer::parseInt).toList();
    private static final int SUSTAINED_SECONDS = Integer.getInteger("benchmark.sustainedSeconds", 10);
    private static final double SUSTAINED_P99_MS = 200;
    private static final String BOT = "Harbormaster";
    private static final String BOLT_JAVA = "bare Bolt for Java";
    private static final String BOLT_JS = "Bolt for JavaScript " + FloorProcess.BOLT_JS_VERSION;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final double LONG_PAUSE_MS = 50;

    private final Path out = Path.of("target", "benchmarks");
    private final BenchmarkReport report = new BenchmarkReport();
    private final List<LoadRun> runs = new ArrayList<>();
    /** What each goal measured in this run, filled in as the phases go, and set against the goals at the end. */
    private final Measured measured = new Measured();
    /** When the latest bot was launched (wall clock), for a start that fails before it can be timed otherwise. */
    private long lastLaunchEpochMillis;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    void frontDoor() throws Exception {
        Files.createDirectories(out);
        header();
        try {
            measure();
        } finally {
            goals();
            report.write(out.resolve("front-door.md"));
            writeCsv();
            System.out.println(report.text());
        }
    }

    private void measure() throws Exception {
        Path catalogDir = work.resolve("catalog");
        Path dataDir = work.resolve("data");
        long began = System.nanoTime();
        BackstageCatalogGenerator.Catalog catalog = BackstageCatalogGenerator.write(catalogDir, SERVICES);
        report.section("Catalog")
                .line(String.format("%,d Components in %,d Groups, one file per team, %.1f MB of YAML, written in %s.",
                        catalog.services(), catalog.teams(), catalog.bytes() / 1e6, ms((System.nanoTime() - began) / 1e6)));

        String archive = ClassDataArchive.make(Path.of(System.getProperty("harbormaster.jar")).toAbsolutePath().getParent(),
                JVM_OPTIONS, out.resolve("app-cds-archive.log"));
        report.section("Class-data archive").line(archive.replace(Path.of("").toAbsolutePath() + "/", "") + ".");
        report.section("Start-up").table("run", "launch → ready", "launch → import line", "import", "bot RSS idle",
                "embedded PostgreSQL RSS (sum)", "log: ERROR lines");
        Map<String, String> env = Map.of("HARBORMASTER_CATALOG_DIR", catalogDir.toAbsolutePath().toString());
        // first start on a fresh data directory: initdb, schema, the whole import
        Path firstLog = out.resolve("bot-first-start.log");
        Path firstGc = out.resolve("gc-first-start.log");
        try (Started first = start(dataDir, env, firstLog, firstGc)) {
            double botCpu0 = ProcessCpu.seconds(first.bot().pid());
            double postgresCpu0 = ProcessCpu.postgresSeconds(dataDir);
            long importWaitFrom = System.nanoTime();
            Optional<BotLogLine.Seen> imported = BotLogLine.await(firstLog, IMPORT_WAIT_MILLIS, alive(first.bot),
                    BotLogLine.CATALOG_IMPORTED);
            measured.importCpu = String.format("from ready to the import's line (%s) the bot used %.1f s of CPU and its "
                            + "PostgreSQL %.1f s on %d cores", ms((System.nanoTime() - importWaitFrom) / 1e6),
                    ProcessCpu.seconds(first.bot().pid()) - botCpu0, ProcessCpu.postgresSeconds(dataDir) - postgresCpu0,
                    Runtime.getRuntime().availableProcessors());
            Thread.sleep(5_000); // settle after the import before reading idle memory
            startupRow("first start (fresh data dir)", first, imported, firstLog);
            measured.freshReadyMs = first.readyMs();
            measured.freshPhases = StartupPhases.describe(firstLog, first.launchedEpochMillis(), first.readyEpochMillis())
                    + " · " + first.cpuAtReady();
            measured.importMs = imported.flatMap(BotLogLine.Seen::tookMillis).orElse(null);
        } catch (AssertionError notReady) {
            // e.g. out of heap during the import, or slower than the start timeout: say so, and measure the restart,
            // which then has the import to do again
            notReadyRow("first start (fresh data dir)", notReady, firstLog);
        }
        // restart: same jar, same data directory, same unchanged catalog folder
        Path restartLog = out.resolve("bot-restart.log");
        Path restartGc = out.resolve("gc-restart.log");
        Started restarted;
        try {
            restarted = start(dataDir, env, restartLog, restartGc);
        } catch (AssertionError notReady) {
            notReadyRow("restart (same data dir, unchanged folder)", notReady, restartLog);
            throw notReady;
        }
        try (Started bot = restarted) {
            Optional<BotLogLine.Seen> imported = BotLogLine.await(restartLog, RESTART_IMPORT_WAIT_MILLIS, alive(bot.bot),
                    BotLogLine.CATALOG_IMPORTED);
            measured.idleRssMib = startupRow("restart (same data dir, unchanged folder)", bot, imported, restartLog);
            measured.restartReadyMs = bot.readyMs();
            measured.restartPhases = StartupPhases.describe(restartLog, bot.launchedEpochMillis(), bot.readyEpochMillis())
                    + " · " + bot.cpuAtReady();
            measured.restartImport = imported.map(BotLogLine.Seen::summary).orElse("no import line");
            report.line("Launch → import line is the time stamp of the bot's `Catalog import from …` line; \"none within N s\" "
                    + "means it was not logged within N s after ready. Where the time went, from the bot's log:");
            if (measured.freshPhases != null) {
                report.line("- first start: " + measured.freshPhases);
            }
            report.line("- restart: " + measured.restartPhases);
            // The simulated cluster stands in for Kubernetes, which cannot run here; seeding it after every start takes
            // the cores for a while, which no production bot (with a real cluster) pays. The load waits for it.
            Optional<BotLogLine.Seen> seeded = BotLogLine.await(restartLog, SEEDING_WAIT_MILLIS, alive(bot.bot),
                    BotLogLine.SIMULATED_CLUSTER_SEEDED, BotLogLine.SIMULATED_CLUSTER_SEEDED_END);
            report.line(seeded.map(seen -> "Restart → simulated cluster seeded (`" + seen.line().substring(seen.line()
                            .indexOf(BotLogLine.SIMULATED_CLUSTER_SEEDED)).trim() + "`): "
                            + ms(seen.epochMillis() - bot.launchedEpochMillis()) + "; the load below starts after it.")
                    .orElse("The simulated cluster was not seeded within " + SEEDING_WAIT_MILLIS / 1000
                            + " s of the restart's import; the load below overlaps its seeding."));
            underLoad(bot, restartGc);
        }
        idleNativeMemory(dataDir, env);
    }

    /**
     * One more start, with native memory tracking, idle after its (unchanged) import: what the idle RSS is made of. Not
     * in the starts above, whose figures it would perturb.
     */
    private void idleNativeMemory(Path dataDir, Map<String, String> env) throws Exception {
        Path log = out.resolve("bot-native-memory.log");
        List<String> options = jvmOptions(out.resolve("gc-native-memory.log"));
        options.add("-XX:NativeMemoryTracking=summary");
        try (PackagedBot bot = PackagedBot.start(dataDir, PackagedBot.freePort(), SECRET, log, env, options, START_TIMEOUT)) {
            BotLogLine.await(log, RESTART_IMPORT_WAIT_MILLIS, alive(bot), BotLogLine.CATALOG_IMPORTED);
            Thread.sleep(5_000);
            measured.nativeMemoryRssMib = ProcessMemory.rssMib(bot.pid());
            measured.nativeMemory = NativeMemory.summary(bot.pid(), 8);
        }
        report.section("Idle memory by part (a fourth start, with `-XX:NativeMemoryTracking=summary`)")
                .line("RSS " + mib(measured.nativeMemoryRssMib) + " idle after its import; the JVM's own account, "
                        + measured.nativeMemory + ". (The class-data archive is mapped from its file and counted in RSS.)");
    }

    /** Everything after start-up runs against the restarted bot, as a rolling update leaves it. */
    private void underLoad(Started bot, Path gcLog) throws Exception {
        URI botEndpoint = URI.create("http://127.0.0.1:" + bot.bot.port() + "/slack/events");
        Path floorDir = work.resolve("floor");
        long floorLaunched = System.nanoTime();
        try (FloorProcess floor = FloorProcess.bareBolt(PackagedBot.freePort(), SECRET, SERVICES, jvmOptions(null),
                floorDir);
             ResponseUrlSink sink = new ResponseUrlSink()) {
            double floorReadyMs = (System.nanoTime() - floorLaunched) / 1e6;
            URI floorEndpoint = URI.create("http://127.0.0.1:" + floor.port() + "/slack/events");
            sampleAnswers(botEndpoint, floorEndpoint, sink);

            // warm-up: JIT, connection pools, caches; figures not kept. At 100 req/s, not 200: a bot just restarted over
            // 50,000 services could not take 200 (2,076 of 3,000 failed once) and its backlog then spoiled the first
            // rung of the ladder, the floor's included; and a longer pause after it for the same reason.
            int warmRate = WARM_UP_RATE;
            LoadRun floorWarm = load("warm-up floor", floorEndpoint, warmRate, WARM_UP_REQUESTS, this::exactName, null, ownerExpected());
            LoadRun botWarm = load("warm-up bot", botEndpoint, warmRate, WARM_UP_REQUESTS, this::exactName, sink, ownerExpected());
            Thread.sleep(AFTER_WARM_UP_SECONDS * 1000L);
            report.section("Acknowledgement latency, `owner svc-N`, open loop")
                    .line(String.format("Bare Bolt floor: own JVM (same JVM options), ready %s after launch. Warm-up %,d "
                                    + "requests each at %d req/s first (errors: floor %d, bot %d), then %d s idle. Latency from each request's "
                                    + "scheduled send time to the whole response; errors are non-200s, timeouts (%d s) and "
                                    + "failed connections; deferred = a \"Working on…\" ack; %d s pause before each run.",
                            ms(floorReadyMs),
                            WARM_UP_REQUESTS, warmRate, floorWarm.errors(), botWarm.errors(), AFTER_WARM_UP_SECONDS,
                            REQUEST_TIMEOUT.toSeconds(),
                            SETTLE_SECONDS));

            double ladderFrom = bot.uptimeSeconds();
            Map<Integer, List<double[]>> p99s = measured.p99s;
            report.table("rate", "rep", "target", "sent", "achieved", "p50", "p99", "max", "errors", "deferred", "> 3 s",
                    "max send lag", "CPU per request", "p99 bot/floor");
            for (int rep = 1; rep <= REPETITIONS; rep++) {
                for (int rate : RATES) {
                    int n = rate * SECONDS;
                    Metered f = metered("floor " + rate + "/s #" + rep, floorEndpoint, rate, n, this::exactName, null,
                            ownerExpected(), REQUEST_TIMEOUT, floor.pid(), null);
                    ladderRow(rate, rep, "bare Bolt", f, "");
                    Metered b = metered("bot " + rate + "/s #" + rep, botEndpoint, rate, n, this::exactName, sink,
                            ownerExpected(), REQUEST_TIMEOUT, bot.bot.pid(), work.resolve("data"));
                    double ratio = b.run().percentileMs(99) / f.run().percentileMs(99);
                    ladderRow(rate, rep, "Harbormaster", b, String.format("%.2f×", ratio));
                    p99s.computeIfAbsent(rate, r -> new ArrayList<>()).add(new double[]{f.run().percentileMs(99),
                            b.run().percentileMs(99), ratio, b.run().percentileMs(50) / f.run().percentileMs(50)});
                    measured.cpu.computeIfAbsent(rate, r -> new ArrayList<>()).add(new double[]{f.cpuMsPerRequest(),
                            b.cpuMsPerRequest(), b.postgresMsPerRequest(), b.idleMsPerRequest()});
                    measured.errors.merge(rate, b.run().errors() + b.run().count(OpenLoopLoad.Outcome.WRONG), Long::sum);
                    measured.maxMs.merge(rate, b.run().maxMs(), Math::max);
                }
            }
            double ladderTo = bot.uptimeSeconds();
            double rssUnderLoad = ProcessMemory.rssMib(bot.bot.pid());
            double peakRss = ProcessMemory.peakRssMib(bot.bot.pid());
            double floorRss = ProcessMemory.rssMib(floor.pid());
            ratioSummary(p99s);

            misspeltNames(botEndpoint, sink);
            longLine(botEndpoint, floorEndpoint, sink);
            sustainedRate(botEndpoint, bot, floorEndpoint, floor, sink);

            report.section("Memory and GC (restarted bot)")
                    .table("measure", "value");
            measured.rssAfterLoadMib = rssUnderLoad;
            measured.peakRssMib = peakRss;
            report.row("bot RSS right after the rate ladder", mib(rssUnderLoad))
                    .row("bot peak RSS (VmHWM) since launch", mib(peakRss))
                    .row("embedded PostgreSQL RSS (sum of its processes)", mib(ProcessMemory.postgresRssMib(work.resolve("data"))))
                    .row("bare Bolt floor RSS after the ladder", mib(floorRss));
            List<GcLogPauses.Pause> all = GcLogPauses.read(gcLog);
            List<GcLogPauses.Pause> ladder = GcLogPauses.between(all, ladderFrom, ladderTo);
            measured.ladderPausesOver50 = GcLogPauses.longerThan(ladder, LONG_PAUSE_MS);
            measured.ladderLongestPauseMs = GcLogPauses.longestMs(ladder);
            measured.lastLadderPause = ladder.isEmpty() ? "none" : ladder.get(ladder.size() - 1).what();
            measured.ladderLongPauses = ladder.stream().filter(p -> p.millis() > LONG_PAUSE_MS)
                    .map(p -> String.format("at %.0f s: %s", p.uptimeSeconds(), p.what())).collect(Collectors.joining("; "));
            report.row("GC pauses during the rate ladder: count, longest, > " + (int) LONG_PAUSE_MS + " ms",
                    ladder.size() + ", " + ms(measured.ladderLongestPauseMs) + ", " + measured.ladderPausesOver50)
                    .row("GC pauses over the whole run: count, longest, > " + (int) LONG_PAUSE_MS + " ms, total",
                            all.size() + ", " + ms(GcLogPauses.longestMs(all)) + ", " + GcLogPauses.longerThan(all, LONG_PAUSE_MS)
                                    + ", " + ms(GcLogPauses.totalMs(all)))
                    .row("bot log during load: ERROR lines", errorLines(bot.log))
                    .row("bot still running after the load", alive(bot.bot).getAsBoolean() ? "yes" : "no" + outOfMemory(bot.log));
            List<GcLogPauses.Pause> first = GcLogPauses.read(out.resolve("gc-first-start.log"));
            report.row("GC pauses in the first start (with the import): count, longest, > " + (int) LONG_PAUSE_MS + " ms",
                    first.size() + ", " + ms(GcLogPauses.longestMs(first)) + ", " + GcLogPauses.longerThan(first, LONG_PAUSE_MS));
        }
    }

    /** The only assertions: both answer a signed `owner` with the right team, so the figures are of real answers. */
    private void sampleAnswers(URI bot, URI floor, ResponseUrlSink sink) throws Exception {
        for (URI endpoint : List.of(bot, floor)) {
            answersOwners(endpoint, sink);
        }
        // one exact answer read in full, to fail loudly if the bot answers something else entirely
        String body = OpenLoopLoad.bodies(1, i -> "owner svc-0", i -> sink.url("probe", i)).get(0);
        long ts = Instant.now().getEpochSecond();
        HttpResponse<String> answer = http.send(java.net.http.HttpRequest.newBuilder(bot)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(ts))
                .header("X-Slack-Signature", dev.harbormaster.testing.SignedSlackRequest.sign(SECRET, ts, body))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("team-0"), "owner svc-0 should name team-0: " + answer.body());
    }

    /** Five signed {@code owner} requests to {@code endpoint}, each answered (or deferred) with the right team. */
    private void answersOwners(URI endpoint, ResponseUrlSink sink) throws Exception {
        int service = SERVICES - 1;
        LoadRun sample = OpenLoopLoad.run("sample", http, endpoint, SECRET, 5,
                OpenLoopLoad.bodies(5, i -> "owner " + BackstageCatalogGenerator.serviceName(service - i),
                        i -> sink.url("sample-" + endpoint.getPort(), i)),
                (i, body) -> body.contains("Owner of " + BackstageCatalogGenerator.serviceName(service - i) + ": "
                        + BackstageCatalogGenerator.teamOf(service - i)), Duration.ofSeconds(30));
        assertEquals(0, sample.errors(), endpoint + " did not answer 200 to every sample");
        assertEquals(5, sample.count(OpenLoopLoad.Outcome.ANSWERED) + sample.count(OpenLoopLoad.Outcome.DEFERRED),
                endpoint + " answered a sample `owner` with something else than its owner");
    }

    private String exactName(int i) {
        // spread over the whole catalog, each name once per run as far as the run is shorter than the catalog
        return "owner " + BackstageCatalogGenerator.serviceName((int) ((i * 7919L) % SERVICES));
    }

    private OpenLoopLoad.Expectation ownerExpected() {
        return (i, body) -> {
            int service = (int) ((i * 7919L) % SERVICES);
            return body.contains("Owner of " + BackstageCatalogGenerator.serviceName(service) + ": "
                    + BackstageCatalogGenerator.teamOf(service));
        };
    }

    private LoadRun load(String label, URI endpoint, double rate, int n, IntFunction<String> text, ResponseUrlSink sink,
                         OpenLoopLoad.Expectation expectation) throws InterruptedException {
        return load(label, endpoint, rate, n, text, sink, expectation, REQUEST_TIMEOUT);
    }

    /** One open-loop run, kept for the CSV; {@code sink} null means no response_url is ever used (the floor). */
    private LoadRun load(String label, URI endpoint, double rate, int n, IntFunction<String> text, ResponseUrlSink sink,
                         OpenLoopLoad.Expectation expectation, Duration timeout) throws InterruptedException {
        return metered(label, endpoint, rate, n, text, sink, expectation, timeout, -1, null).run();
    }

    /**
     * A run and the CPU its target used during it, per request: the process, and its PostgreSQL when it has one; and
     * what the process used per request while idle just before (its background work: for the bot the watcher, Quartz,
     * the sandbox's simulated cluster), at the same rate over the run's length.
     */
    private record Metered(LoadRun run, double cpuMsPerRequest, double postgresMsPerRequest, double idleMsPerRequest,
                           double seconds) {

        String cpu() {
            return String.format("%.2f ms", cpuMsPerRequest) + (postgresMsPerRequest > 0
                    ? String.format(" + PostgreSQL %.2f ms", postgresMsPerRequest) : "")
                    + (idleMsPerRequest >= 0.01 ? String.format(" (idle %.2f ms)", idleMsPerRequest) : "");
        }

        /** Cores the target (with its PostgreSQL) kept busy from the first request to the last answer. */
        double coresBusy() {
            return (cpuMsPerRequest + postgresMsPerRequest) * run.requests() / 1000 / seconds;
        }
    }

    /**
     * {@link #load}, reading the CPU time of {@code pid} (and of the PostgreSQL of {@code postgresData}, when not null)
     * just before the first request and after the last answer; {@code pid} -1 reads none.
     */
    private Metered metered(String label, URI endpoint, double rate, int n, IntFunction<String> text, ResponseUrlSink sink,
                            OpenLoopLoad.Expectation expectation, Duration timeout, long pid, Path postgresData)
            throws InterruptedException {
        String run = label.replaceAll("[^A-Za-z0-9]+", "-");
        List<String> bodies = OpenLoopLoad.bodies(n, text,
                i -> sink == null ? "http://127.0.0.1:9/unused" : sink.url(run, i));
        double idle0 = pid < 0 ? 0 : ProcessCpu.seconds(pid);
        long idleFrom = System.nanoTime();
        Thread.sleep(SETTLE_SECONDS * 1000L);
        double cpu0 = pid < 0 ? 0 : ProcessCpu.seconds(pid);
        double idleCores = (cpu0 - idle0) / ((System.nanoTime() - idleFrom) / 1e9);
        double postgres0 = postgresData == null ? 0 : ProcessCpu.postgresSeconds(postgresData);
        long runFrom = System.nanoTime();
        LoadRun result = OpenLoopLoad.run(label, http, endpoint, SECRET, rate, bodies, expectation, timeout);
        double seconds = (System.nanoTime() - runFrom) / 1e9;
        double idleMs = pid < 0 ? 0 : 1000 * idleCores * seconds / n;
        double cpuMs = pid < 0 ? 0 : 1000 * (ProcessCpu.seconds(pid) - cpu0) / n;
        double postgresMs = postgresData == null ? 0 : 1000 * (ProcessCpu.postgresSeconds(postgresData) - postgres0) / n;
        runs.add(result);
        System.out.printf("%s: p50 %s p99 %s max %s errors %d deferred %d max lag %s cpu/request %.2f ms + %.2f ms%n", label,
                ms(result.percentileMs(50)), ms(result.percentileMs(99)), ms(result.maxMs()), result.errors(),
                result.count(OpenLoopLoad.Outcome.DEFERRED), ms(result.maxLagMs()), cpuMs, postgresMs);
        return new Metered(result, cpuMs, postgresMs, idleMs, seconds);
    }

    private void ladderRow(int rate, int rep, String target, Metered metered, String ratio) {
        LoadRun run = metered.run();
        report.row(rate + "/s", rep, target, run.requests(), String.format("%.0f/s", run.achievedRate()),
                ms(run.percentileMs(50)), ms(run.percentileMs(99)), ms(run.maxMs()), run.errors() + wrong(run),
                run.count(OpenLoopLoad.Outcome.DEFERRED), run.overSlackDeadline(), ms(run.maxLagMs()), metered.cpu(), ratio);
    }

    private static String wrong(LoadRun run) {
        long wrong = run.count(OpenLoopLoad.Outcome.WRONG);
        return wrong == 0 ? "" : " (+" + wrong + " wrong answers)";
    }

    private void ratioSummary(Map<Integer, List<double[]>> p99s) {
        report.table("rate", "floor p99 (reps)", "bot p99 (reps)", "p99 bot/floor (reps)", "p99 ratio min–max",
                "p50 bot/floor (reps)");
        p99s.forEach((rate, reps) -> {
            double min = reps.stream().mapToDouble(r -> r[2]).min().orElse(0);
            double max = reps.stream().mapToDouble(r -> r[2]).max().orElse(0);
            report.row(rate + "/s", join(reps, 0, false), join(reps, 1, false), join(reps, 2, true),
                    String.format("%.2f–%.2f×", min, max), join(reps, 3, true));
        });
    }

    private static String join(List<double[]> reps, int column, boolean ratio) {
        return reps.stream().map(r -> ratio ? String.format("%.2f×", r[column]) : ms(r[column])).collect(Collectors.joining(" · "));
    }

    /** Misspelt names: the did-you-mean path over the whole catalog, each a distinct typo of an existing name. */
    private void misspeltNames(URI bot, ResponseUrlSink sink) throws Exception {
        int n = MISSPELT_RATE * MISSPELT_SECONDS;
        String label = "misspelt " + MISSPELT_RATE + "/s";
        LoadRun run = load(label, bot, MISSPELT_RATE, n, FrontDoorBenchmarkIT::typo, sink,
                (i, body) -> body.contains("No service named"));
        String tag = label.replaceAll("[^A-Za-z0-9]+", "-");
        LateAnswers late = lateAnswers(run, sink, tag);
        report.section("Misspelt names (did-you-mean), Harbormaster only")
                .table("load", "sent", "p50", "p99", "max", "errors", "deferred acks", "late answers came", "late answer p50 / max",
                        "never came (waited " + LATE_ANSWER_WAIT_SECONDS + " s)");
        measured.misspelt = run;
        report.row(MISSPELT_RATE + "/s for " + MISSPELT_SECONDS + " s", run.requests(), ms(run.percentileMs(50)),
                ms(run.percentileMs(99)), ms(run.maxMs()), run.errors() + wrong(run), run.count(OpenLoopLoad.Outcome.DEFERRED),
                late.arrived, late.arrived == 0 ? "" : ms(late.p50Ms) + " / " + ms(late.maxMs), late.missing);
    }

    /** e.g. svcx-1234, svc-12x34, svc-1234x: not a catalog name (letters where digits are), one letter from one. */
    static String typo(int i) {
        String name = BackstageCatalogGenerator.serviceName((int) ((i * 7919L) % SERVICES));
        char letter = (char) ('a' + i % 26);
        int at = switch (i % 3) {
            case 0 -> 3;                    // svcx-1234
            case 1 -> name.length() - 1;    // svc-123x4
            default -> name.length();       // svc-1234x
        };
        return "owner " + name.substring(0, at) + letter + name.substring(at);
    }

    private record LateAnswers(long arrived, long missing, double p50Ms, double maxMs) {
    }

    /** Waits (bounded) for the answers owed to response_url by deferred acks; their latency from the scheduled send. */
    private LateAnswers lateAnswers(LoadRun run, ResponseUrlSink sink, String tag) throws InterruptedException {
        List<Integer> deferred = new ArrayList<>();
        for (int i = 0; i < run.requests(); i++) {
            if (run.outcome(i) == OpenLoopLoad.Outcome.DEFERRED) {
                deferred.add(i);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(LATE_ANSWER_WAIT_SECONDS).toNanos();
        while (System.nanoTime() < deadline && deferred.stream().anyMatch(i -> sink.arrival(tag, i) == null)) {
            Thread.sleep(200);
        }
        long[] latencies = deferred.stream().map(i -> sink.arrival(tag, i) == null ? -1 : sink.arrival(tag, i) - run.due(i))
                .filter(l -> l >= 0).mapToLong(Long::longValue).sorted().toArray();
        long missing = deferred.size() - latencies.length;
        if (latencies.length == 0) {
            return new LateAnswers(0, missing, 0, 0);
        }
        return new LateAnswers(latencies.length, missing, latencies[(latencies.length - 1) / 2] / 1e6,
                latencies[latencies.length - 1] / 1e6);
    }

    /**
     * 40 kB command lines against short ones, both misses (so both go through did-you-mean): the median of
     * {@value #LINES_EACH} each, one a second; the same against the floor, which pays for receiving, verifying and parsing
     * 40 kB too. Five each, as before, left the median to the first lines' cold code and to the machine's noise.
     */
    private void longLine(URI bot, URI floor, ResponseUrlSink sink) throws Exception {
        Random random = new Random(14);
        List<String> longTexts = new ArrayList<>();
        for (int i = 0; i < LINES_EACH; i++) {
            StringBuilder letters = new StringBuilder(40_000);
            for (int c = 0; c < 40_000; c++) {
                letters.append((char) ('a' + random.nextInt(26)));
            }
            longTexts.add("owner " + letters);
        }
        // one at a time, 1 s apart (open loop all the same), so the long lines do not queue behind each other
        LoadRun shortRun = load("short miss x" + LINES_EACH, bot, 1, LINES_EACH, i -> typo(100_000 + i), sink,
                (i, body) -> body.contains("No service named"), Duration.ofSeconds(30));
        LoadRun longRun = load("40 kB line x" + LINES_EACH, bot, 1, LINES_EACH, longTexts::get, sink,
                (i, body) -> body.contains("No service named"), Duration.ofSeconds(30));
        // the floor answers "There is no service named …"
        LoadRun floorShort = load("floor short miss x" + LINES_EACH, floor, 1, LINES_EACH, i -> typo(100_000 + i), null,
                (i, body) -> body.contains("service named"), Duration.ofSeconds(30));
        LoadRun floorLong = load("floor 40 kB line x" + LINES_EACH, floor, 1, LINES_EACH, longTexts::get, null,
                (i, body) -> body.contains("service named"), Duration.ofSeconds(30));
        measured.shortLineMedianMs = shortRun.percentileMs(50);
        measured.longLineMedianMs = longRun.percentileMs(50);
        measured.floorLineMediansMs = new double[]{floorShort.percentileMs(50), floorLong.percentileMs(50)};
        LateAnswers shortLate = lateAnswers(shortRun, sink, "short-miss-x" + LINES_EACH);
        LateAnswers longLate = lateAnswers(longRun, sink, "40-kB-line-x" + LINES_EACH);
        report.section("40 kB command lines (`owner ` + 40,000 letters) vs short misspelt names")
                .table("line", "median ack of " + LINES_EACH, "max ack", "errors", "deferred acks", "late answers: came / never", "late answer max");
        report.row("Harbormaster, short (`owner svc-12x34`)", ms(shortRun.percentileMs(50)), ms(shortRun.maxMs()), shortRun.errors() + wrong(shortRun),
                shortRun.count(OpenLoopLoad.Outcome.DEFERRED), shortLate.arrived + " / " + shortLate.missing,
                shortLate.arrived == 0 ? "" : ms(shortLate.maxMs));
        report.row("Harbormaster, 40 kB", ms(longRun.percentileMs(50)), ms(longRun.maxMs()), longRun.errors() + wrong(longRun),
                longRun.count(OpenLoopLoad.Outcome.DEFERRED), longLate.arrived + " / " + longLate.missing,
                longLate.arrived == 0 ? "" : ms(longLate.maxMs));
        report.row("bare Bolt floor, short", ms(floorShort.percentileMs(50)), ms(floorShort.maxMs()),
                floorShort.errors() + wrong(floorShort), "", "", "");
        report.row("bare Bolt floor, 40 kB", ms(floorLong.percentileMs(50)), ms(floorLong.maxMs()),
                floorLong.errors() + wrong(floorLong), "", "", "");
    }

    /**
     * The highest rate each of the bot, the bare Bolt-for-Java floor and Bolt for JavaScript holds with p99 ≤ 200 ms and
     * no error: each climbs {@code benchmark.sustainedRates} until its first rung that fails, the three interleaved at
     * each rung. After the bot fails a rung the ladder waits for it to work off its backlog before the floors go on.
     */
    private void sustainedRate(URI botEndpoint, Started bot, URI floorEndpoint, FloorProcess floor, ResponseUrlSink sink)
            throws Exception {
        report.section("Sustained rate: the highest rate with p99 ≤ " + (int) SUSTAINED_P99_MS + " ms and no errors");
        FloorProcess boltJs = null;
        try {
            boltJs = FloorProcess.boltJs(PackagedBot.freePort(), SECRET, SERVICES, Path.of("target", "bolt-js").toAbsolutePath(),
                    work.resolve("bolt-js"));
            answersOwners(URI.create("http://127.0.0.1:" + boltJs.port() + "/slack/events"), sink);
        } catch (Exception | AssertionError e) {
            measured.boltJsMissing = firstLine(String.valueOf(e.getMessage()));
            if (boltJs != null) {
                boltJs.close();
                boltJs = null;
            }
        }
        try {
            record Target(String name, URI endpoint, long pid, Path postgresData, ResponseUrlSink sink) {
            }
            List<Target> targets = new ArrayList<>();
            targets.add(new Target(BOLT_JAVA, floorEndpoint, floor.pid(), null, null));
            if (boltJs != null) {
                targets.add(new Target(BOLT_JS, URI.create("http://127.0.0.1:" + boltJs.port() + "/slack/events"), boltJs.pid(),
                        null, null));
            }
            targets.add(new Target(BOT, botEndpoint, bot.bot.pid(), work.resolve("data"), sink));
            report.line(String.format("Rungs %s req/s, %d s each, `owner svc-N` as above; a target stops at its first rung "
                            + "over the limit. Cores busy = the target's CPU (with its PostgreSQL) from the first request to the "
                            + "last answer; the generator shares the same %d cores.%s", SUSTAINED_RATES, SUSTAINED_SECONDS,
                    Runtime.getRuntime().availableProcessors(), measured.boltJsMissing == null ? ""
                            : " Bolt for JavaScript not measured: " + measured.boltJsMissing));
            report.table("rate", "target", "achieved", "p50", "p99", "max", "errors", "p99 send lag", "CPU per request",
                    "cores busy", "held");
            List<Target> climbing = new ArrayList<>(targets);
            for (int rate : SUSTAINED_RATES) {
                for (Target target : List.copyOf(climbing)) {
                    Metered m = metered(target.name() + " sustained " + rate + "/s", target.endpoint(), rate,
                            rate * SUSTAINED_SECONDS, this::exactName, target.sink(), ownerExpected(), REQUEST_TIMEOUT,
                            target.pid(), target.postgresData());
                    LoadRun run = m.run();
                    boolean held = run.errors() == 0 && run.count(OpenLoopLoad.Outcome.WRONG) == 0
                            && run.percentileMs(99) <= SUSTAINED_P99_MS;
                    report.row(rate + "/s", target.name(), String.format("%.0f/s", run.achievedRate()), ms(run.percentileMs(50)),
                            ms(run.percentileMs(99)), ms(run.maxMs()), run.errors() + wrong(run), ms(run.p99LagMs()), m.cpu(),
                            String.format("%.2f", m.coresBusy()), held ? "yes" : "no");
                    if (held) {
                        measured.sustained.put(target.name(), new Held(rate, m.cpuMsPerRequest() + m.postgresMsPerRequest()));
                    } else {
                        measured.sustainedFailed.put(target.name(), String.format("at %d/s p99 %s, %d errors, %.2f cores busy "
                                        + "(%s per request)", rate, ms(run.percentileMs(99)), run.errors(), m.coresBusy(), m.cpu()));
                        climbing.remove(target);
                        awaitQuiet(target.pid());
                    }
                }
                if (climbing.isEmpty()) {
                    break;
                }
            }
            for (Target target : targets) {
                Held held = measured.sustained.get(target.name());
                report.line(String.format("- %s: held %s%s.", target.name(), held == null ? "no rung"
                                : held.rate() + " req/s", measured.sustainedFailed.containsKey(target.name())
                                ? "; failed " + measured.sustainedFailed.get(target.name()) : " (the top of the ladder)"));
            }
        } finally {
            if (boltJs != null) {
                boltJs.close();
            }
        }
    }

    /** Waits (at most 60 s) until {@code pid} uses under a tenth of a core: an overloaded target works off its backlog. */
    private static void awaitQuiet(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        double before = ProcessCpu.seconds(pid);
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            double now = ProcessCpu.seconds(pid);
            if (now - before < 0.1) {
                return;
            }
            before = now;
        }
    }

    /** The highest rung of the sustained ladder a target held, and its CPU per request there (with its PostgreSQL). */
    private record Held(int rate, double cpuMsPerRequest) {
    }

    /** What this run measured for each goal of issue 14; null or empty until that phase ran. */
    private static final class Measured {
        Double freshReadyMs;
        String freshPhases;
        Double importMs;
        String importCpu;
        Double restartReadyMs;
        String restartPhases;
        String restartImport;
        Double idleRssMib;
        Double nativeMemoryRssMib;
        String nativeMemory;
        /** rate → per repetition {floor p99, bot p99, p99 ratio, p50 ratio} */
        final Map<Integer, List<double[]>> p99s = new LinkedHashMap<>();
        /** rate → per repetition {floor CPU ms, bot CPU ms, bot's PostgreSQL CPU ms, bot's idle CPU ms} per request */
        final Map<Integer, List<double[]>> cpu = new LinkedHashMap<>();
        final Map<Integer, Long> errors = new LinkedHashMap<>();
        final Map<Integer, Double> maxMs = new LinkedHashMap<>();
        LoadRun misspelt;
        Double shortLineMedianMs;
        Double longLineMedianMs;
        /** the floor's medians for the short and the 40 kB line */
        double[] floorLineMediansMs;
        Long ladderPausesOver50;
        Double ladderLongestPauseMs;
        String ladderLongPauses;
        Double rssAfterLoadMib;
        Double peakRssMib;
        String lastLadderPause;
        /** target → its highest rung held; a target that held none is absent */
        final Map<String, Held> sustained = new LinkedHashMap<>();
        final Map<String, String> sustainedFailed = new LinkedHashMap<>();
        String boltJsMissing;
    }

    /**
     * The goals of issue 14 against this run's figures; for each goal missed, what limits it as measured in this run
     * (the phases of a start, CPU per request against the floor's, the floor's own tail, memory by part).
     */
    private void goals() {
        Measured m = measured;
        report.section("Goals (issue 14) against this run")
                .table("goal", "this run", "met", "what limits it (measured in this run)");
        int cores = Runtime.getRuntime().availableProcessors();
        if (m.freshReadyMs != null) {
            goal("ready ≤ 6 s on a fresh data directory", ms(m.freshReadyMs), m.freshReadyMs <= 6_000, m.freshPhases);
        }
        if (m.importMs != null) {
            goal(String.format("%,d services imported in ≤ 30 s, after ready", SERVICES), "import " + ms(m.importMs), m.importMs <= 30_000,
                    m.importCpu == null ? "" : m.importCpu);
        }
        if (m.restartReadyMs != null) {
            goal("ready ≤ 3 s on restart; an unchanged folder imports nothing", ms(m.restartReadyMs) + "; " + m.restartImport,
                    m.restartReadyMs <= 3_000 && m.restartImport.startsWith("0 files imported"), m.restartPhases);
        }
        List<double[]> at200 = m.p99s.get(200);
        if (at200 != null) {
            double worstRatio = at200.stream().mapToDouble(r -> r[2]).max().orElse(0);
            double bestRatio = at200.stream().mapToDouble(r -> r[2]).min().orElse(0);
            double worstP99 = at200.stream().mapToDouble(r -> r[1]).max().orElse(0);
            List<double[]> cpu = m.cpu.get(200);
            double floorCpu = cpu.stream().mapToDouble(r -> r[0]).average().orElse(0);
            double botCpu = cpu.stream().mapToDouble(r -> r[1]).average().orElse(0);
            double postgresCpu = cpu.stream().mapToDouble(r -> r[2]).average().orElse(0);
            double idleCpu = cpu.stream().mapToDouble(r -> r[3]).average().orElse(0);
            String floorP99s = at200.stream().map(r -> ms(r[0])).collect(Collectors.joining(", "));
            goal("`owner` ack p99 at 200 req/s ≤ 1.2× the bare Bolt floor", String.format("%.2f–%.2f×", bestRatio, worstRatio),
                    worstRatio <= 1.2, String.format("CPU per request: bot %.2f ms (of which %.2f ms its background work, "
                            + "as measured idle just before) + its PostgreSQL %.2f ms against the floor's %.2f ms (%.1f× net of "
                            + "the background), for the de-duplication insert and the owner card's query, which the floor's "
                            + "in-memory map does not do, and Quarkus's HTTP stack; the floor's own p99 %s", botCpu, idleCpu, postgresCpu, floorCpu,
                            (botCpu - idleCpu + postgresCpu) / Math.max(floorCpu, 0.001), floorP99s));
            long errors = m.errors.getOrDefault(200, 0L);
            goal("`owner` ack p99 at 200 req/s ≤ 100 ms, 0 errors", ms(worstP99) + ", " + errors + " errors, max "
                    + ms(m.maxMs.getOrDefault(200, 0.0)), worstP99 <= 100 && errors == 0, "");
        }
        if (!m.sustained.isEmpty() || !m.sustainedFailed.isEmpty()) {
            int bot = heldRate(m, BOT);
            Held js = m.sustained.get(BOLT_JS);
            String figures = String.format("%s %d req/s, %s %s, %s %d req/s", BOT, bot, BOLT_JS,
                    m.boltJsMissing != null ? "not measured (" + m.boltJsMissing + ")" : heldRate(m, BOLT_JS) + " req/s",
                    BOLT_JAVA, heldRate(m, BOLT_JAVA));
            String limit = m.sustainedFailed.containsKey(BOT) ? BOT + " failed " + m.sustainedFailed.get(BOT)
                    + String.format(" on %d cores shared with the generator", cores)
                    + (js != null ? String.format("; %s at its highest rung used %.2f ms per request", BOLT_JS, js.cpuMsPerRequest()) : "")
                    : "";
            goal("sustained rate with p99 < 200 ms ≥ Bolt for JavaScript's", figures,
                    m.boltJsMissing == null && bot >= heldRate(m, BOLT_JS), limit);
        }
        if (m.misspelt != null) {
            List<double[]> at50 = m.p99s.get(MISSPELT_RATE);
            String floorAt = at50 == null ? "" : "the bare floor's own p99 for exact names at " + MISSPELT_RATE + " req/s: "
                    + at50.stream().map(r -> ms(r[0])).collect(Collectors.joining(", ")) + "; the bot's for exact names: "
                    + at50.stream().map(r -> ms(r[1])).collect(Collectors.joining(", "));
            long deferred = m.misspelt.count(OpenLoopLoad.Outcome.DEFERRED);
            goal("did-you-mean p99 ≤ 5 ms at " + MISSPELT_RATE + " req/s of misspelt names, no deferred acks",
                    ms(m.misspelt.percentileMs(99)) + ", " + deferred + " deferred",
                    m.misspelt.percentileMs(99) <= 5 && deferred == 0, floorAt);
        }
        if (m.longLineMedianMs != null) {
            goal("a 40 kB line costs no more than a short one (median within 2×)", ms(m.longLineMedianMs) + " against "
                    + ms(m.shortLineMedianMs), m.longLineMedianMs <= 2 * m.shortLineMedianMs, String.format("the bare floor, which "
                    + "only receives, verifies and parses the line: %s for the 40 kB line against %s for the short one",
                    ms(m.floorLineMediansMs[1]), ms(m.floorLineMediansMs[0])));
        }
        if (m.ladderPausesOver50 != null) {
            goal("no GC pause over 50 ms under load", m.ladderPausesOver50 + " over 50 ms, longest " + ms(m.ladderLongestPauseMs),
                    m.ladderPausesOver50 == 0, "from the GC log: " + m.ladderLongPauses);
        }
        if (m.rssAfterLoadMib != null) {
            goal(String.format("RSS with %,d services under load ≤ 512 MB", SERVICES), mib(m.rssAfterLoadMib), m.rssAfterLoadMib * 1.048576 <= 512,
                    "peak RSS " + mib(m.peakRssMib) + "; the heap at the ladder's last GC pause (used before → after "
                            + "(committed)): " + m.lastLadderPause + "; the rest is outside the heap (see idle memory by part)");
        }
        if (m.idleRssMib != null) {
            goal("idle RSS ≤ 256 MB (PostgreSQL apart)", mib(m.idleRssMib) + " after the restart", m.idleRssMib * 1.048576 <= 256,
                    m.nativeMemory == null ? "" : "a start with native memory tracking, RSS " + mib(m.nativeMemoryRssMib)
                            + ": " + m.nativeMemory);
        }
        report.row("50 simultaneous Approve clicks on two replicas: every ack within 1 s", "ClickBurstBenchmarkIT", "", "")
                .row("outbox: 10,000 messages over 500 channels within 1.1× the rate-limit floor (20 s)",
                        "OutboxThroughputBenchmarkIT (its report says what limits it)", "", "");
    }

    private static int heldRate(Measured m, String target) {
        Held held = m.sustained.get(target);
        return held == null ? 0 : held.rate();
    }

    private void goal(String goal, String figure, boolean met, String limit) {
        report.row(goal, figure, met ? "yes" : "no", met ? "" : limit.replace("|", "\\|"));
    }

    // ---- start-up -------------------------------------------------------------------------------------------------

    /** A started bot and when it was launched (nanoTime and wall clock, the log's time stamps are wall clock). */
    private record Started(PackagedBot bot, long launchedNanos, long launchedEpochMillis, double readyMs, String cpuAtReady,
                           Path log) implements AutoCloseable {

        long readyEpochMillis() {
            return launchedEpochMillis + Math.round(readyMs);
        }

        double uptimeSeconds() {
            return (System.nanoTime() - launchedNanos) / 1e9;
        }

        @Override
        public void close() throws InterruptedException {
            bot.close();
        }
    }

    private Started start(Path dataDir, Map<String, String> env, Path log, Path gcLog) throws Exception {
        Files.deleteIfExists(gcLog);
        long launchedNanos = System.nanoTime();
        long launchedEpoch = System.currentTimeMillis();
        lastLaunchEpochMillis = launchedEpoch;
        PackagedBot bot = PackagedBot.start(dataDir, PackagedBot.freePort(), SECRET, log, env, jvmOptions(gcLog), START_TIMEOUT);
        double readyMs = (System.nanoTime() - launchedNanos) / 1e6;
        return new Started(bot, launchedNanos, launchedEpoch, readyMs, StartupCpu.describe(bot.pid()), log);
    }

    private static BooleanSupplier alive(PackagedBot bot) {
        return () -> ProcessHandle.of(bot.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * {@code benchmark.jvmOptions}, and always, for the bot, a GC log (the harness reads its pauses) and exit on
     * OutOfMemoryError: a bot out of heap otherwise lives on with dead worker threads and, once seen, event loops blocked
     * for good in Quarkus's class loader, never ready and not answering SIGTERM; exiting turns that into a failure the
     * harness sees at once instead of after its start-up timeout.
     */
    private static List<String> jvmOptions(Path gcLog) {
        List<String> options = new ArrayList<>(Arrays.stream(JVM_OPTIONS.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
        if (gcLog != null) {
            // the bot as the image starts it (deploy/Dockerfile): with the class-data archive of a training start
            options.add("-XX:SharedArchiveFile=app-cds.jsa");
            options.add("-XX:+ExitOnOutOfMemoryError");
            // safepoints too: a stall of the whole bot that is not a GC pause would show there
            options.add("-Xlog:gc*,safepoint:file=" + gcLog.toAbsolutePath());
        }
        return options;
    }

    /** One row of the start-up table; returns the idle RSS it read. */
    private double startupRow(String run, Started started, Optional<BotLogLine.Seen> imported, Path log) throws IOException {
        String importAt = imported.map(seen -> ms(seen.epochMillis() - started.launchedEpochMillis()))
                .orElse("none within " + (run.startsWith("restart") ? RESTART_IMPORT_WAIT_MILLIS : IMPORT_WAIT_MILLIS) / 1000 + " s");
        double rss = ProcessMemory.rssMib(started.bot().pid());
        report.row(run, ms(started.readyMs()), importAt, imported.map(seen -> seen.summary()
                        + seen.tookMillis().map(took -> ", import " + ms(took)).orElse("")).orElse("—"),
                mib(rss), mib(ProcessMemory.postgresRssMib(work.resolve("data"))), errorLines(log));
        return rss;
    }

    /** ERROR lines in a bot log so far: how many, by logger (the top three), so a misbehaving bot shows in the table. */
    private static String errorLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "no log";
        }
        Map<String, Long> byLogger = Arrays.stream(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n"))
                .filter(l -> l.contains(" ERROR ["))
                .map(l -> l.substring(l.indexOf(" ERROR [") + 8, Math.max(l.indexOf(" ERROR [") + 8, l.indexOf(']', l.indexOf(" ERROR [")))))
                .collect(Collectors.groupingBy(logger -> logger, LinkedHashMap::new, Collectors.counting()));
        long total = byLogger.values().stream().mapToLong(Long::longValue).sum();
        return total == 0 ? "0" : total + " (" + byLogger.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")";
    }

    /** A start that never became ready: why, and when its import line came, if it did. */
    private void notReadyRow(String run, AssertionError notReady, Path log) throws IOException {
        String importAt = BotLogLine.find(log, BotLogLine.CATALOG_IMPORTED)
                .map(seen -> ms(seen.epochMillis() - lastLaunchEpochMillis)).orElse("none");
        String summary = BotLogLine.find(log, BotLogLine.CATALOG_IMPORTED).map(BotLogLine.Seen::summary).orElse("—");
        report.row(run, "never: " + firstLine(notReady.getMessage()) + outOfMemory(log), importAt, summary, "", "",
                errorLines(log));
    }

    private static String outOfMemory(Path log) throws IOException {
        return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains("java.lang.OutOfMemoryError")
                ? " (java.lang.OutOfMemoryError in its log)" : "";
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.replace("|", "\\|");
    }

    private void header() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.replaceFirst("model name\\s*:\\s*", "")).orElse("?");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> l.replaceAll("\\s+", " ")).orElse("?");
        report.title("Fast at the door (issue 14): Harbormaster vs a bare Bolt-for-Java app")
                .line(String.format("%s · %d cores (%s) · %s · Java %s · scale %,d services · bot and floor JVM options `%s` "
                                + "(+ `-XX:+ExitOnOutOfMemoryError -Xlog:gc*:file=…` for the bot) · rates %s req/s, %d s each, %d repetitions",
                        Instant.now(), Runtime.getRuntime().availableProcessors(), cpu, memory,
                        System.getProperty("java.version"), SERVICES, JVM_OPTIONS, RATES, SECONDS, REPETITIONS));
    }

    private void writeCsv() throws IOException {
        try (BufferedWriter csv = Files.newBufferedWriter(out.resolve("front-door-latencies.csv"))) {
            csv.write("run,rate,i,due_ms,send_lag_ms,latency_ms,outcome\n");
            for (LoadRun run : runs) {
                run.writeCsv(csv);
            }
        }
    }
}
