package dev.harbormaster.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a start's time went, from the time stamps of the bot's own log lines: what limits "launch → ready" when it
 * misses its goal. Each phase ends at the first line that marks it (the embedded PostgreSQL runs beside Quarkus's boot
 * and is reported as a point in time, not a phase).
 */
final class StartupPhases {

    private StartupPhases() {
    }

    /** The phases of the start logged in {@code log}, launched at {@code launchedEpochMillis}, ready at {@code readyEpochMillis}. */
    static String describe(Path log, long launchedEpochMillis, long readyEpochMillis) throws IOException {
        if (!Files.exists(log)) {
            return "no log";
        }
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        Optional<Long> firstLine = lines.stream().map(BotLogLine::stamp).flatMap(Optional::stream).findFirst();
        Optional<Long> postgresUp = first(lines, "postmaster startup finished");
        Optional<Long> schemaCheck = first(lines, "[or.fl.co.FlywayExecutor]");
        Optional<Long> schemaDone = last(lines, "[or.fl.co.in.co.Db");
        Optional<Long> started = first(lines, "[io.quarkus] (main) harbormaster ");
        List<String> phases = new ArrayList<>();
        long at = launchedEpochMillis;
        at = phase(phases, "launch → first log line (JVM start, class loading, Quarkus's main)", at, firstLine);
        at = phase(phases, "→ schema check (Quarkus's boot: configuration, CDI, Hibernate)", at, schemaCheck);
        at = phase(phases, "schema check and migrations", at, schemaDone);
        at = phase(phases, "start-up observers and the HTTP port (\"started\")", at, started);
        phase(phases, "→ first ready answer", at, Optional.of(readyEpochMillis));
        postgresUp.ifPresent(up -> phases.add("embedded PostgreSQL up at " + BenchmarkReport.ms(up - launchedEpochMillis)
                + " after launch, beside the boot"));
        return String.join(" · ", phases);
    }

    private static long phase(List<String> phases, String name, long from, Optional<Long> to) {
        if (to.isEmpty() || to.get() < from) {
            return from;
        }
        phases.add(name + " " + BenchmarkReport.ms(to.get() - from));
        return to.get();
    }

    private static Optional<Long> first(List<String> lines, String marker) {
        return lines.stream().filter(l -> l.contains(marker)).findFirst().flatMap(BotLogLine::stamp);
    }

    private static Optional<Long> last(List<String> lines, String marker) {
        return lines.stream().filter(l -> l.contains(marker)).reduce((a, b) -> b).flatMap(BotLogLine::stamp);
    }
}
