package dev.harbormaster.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line the bot logs when background work after readiness ends, found in its log: the summary of its start-up catalog
 * import ("Catalog import from <dir>: N files read, M unchanged …") and the end of seeding the simulated cluster. The
 * benchmark waits for them (bounded) and times them from launch.
 *
 * <p>The line's own time stamp ({@code HH:mm:ss.SSS}, the bot's console format) is used when it parses, since the
 * line may have been written long before it is read; otherwise the time it was seen.
 */
final class BotLogLine {

    static final String CATALOG_IMPORTED = "Catalog import from ";
    /**
     * The simulated cluster (the stand-in for Kubernetes when none is configured) seeded: until then its API server
     * shares the bot's cores (measured: most of two cores for a minute after a 50,000-service restart).
     */
    static final String SIMULATED_CLUSTER_SEEDED = "Simulated cluster: ";
    static final String SIMULATED_CLUSTER_SEEDED_END = " Deployments created";
    private static final Pattern TIME = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ");
    private static final Pattern FILES = Pattern.compile("(\\d+) files read, (\\d+) unchanged");
    private static final Pattern TOOK = Pattern.compile(", in (\\d+)[.,](\\d) s\\s*$");

    /** The line, and when it was written, in epoch ms. */
    record Seen(String line, long epochMillis) {

        /** "N files read, M unchanged" as written, or the whole line when it has another shape. */
        String summary() {
            Matcher m = FILES.matcher(line);
            return m.find() ? m.group(1) + " files imported, " + m.group(2) + " unchanged and skipped" : line.trim();
        }

        /** How long the import itself took, as the line says ("…, in 24.8 s"), in ms; empty for older lines. */
        Optional<Double> tookMillis() {
            Matcher m = TOOK.matcher(line);
            return m.find() ? Optional.of(Double.parseDouble(m.group(1) + "." + m.group(2)) * 1000) : Optional.empty();
        }
    }

    private BotLogLine() {
    }

    /**
     * Waits up to {@code timeoutMillis} for the first line holding every one of {@code markers}; empty if it did not
     * come (or the process ended without it).
     */
    static Optional<Seen> await(Path log, long timeoutMillis, BooleanSupplier alive, String... markers) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            Optional<Seen> seen = find(log, markers);
            if (seen.isPresent() || System.currentTimeMillis() > deadline || !alive.getAsBoolean()) {
                return seen;
            }
            Thread.sleep(100);
        }
    }

    static Optional<Seen> find(Path log, String... markers) throws IOException {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        long seenAt = System.currentTimeMillis();
        // decoded leniently: a log line with bytes that are not UTF-8 must not fail the benchmark
        for (String line : new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n")) {
            if (Arrays.stream(markers).allMatch(line::contains)) {
                return Optional.of(new Seen(line, stamp(line).orElse(seenAt)));
            }
        }
        return Optional.empty();
    }

    /** The line's time stamp as epoch ms, when it has one. */
    static Optional<Long> stamp(String line) {
        Matcher m = TIME.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            ZoneId zone = ZoneId.systemDefault();
            long millis = LocalDate.now(zone).atTime(LocalTime.parse(m.group(1))).atZone(zone).toInstant().toEpochMilli();
            // a line written just before midnight and read just after
            if (millis > System.currentTimeMillis() + 60_000) {
                millis -= 86_400_000L;
            }
            return Optional.of(millis);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
