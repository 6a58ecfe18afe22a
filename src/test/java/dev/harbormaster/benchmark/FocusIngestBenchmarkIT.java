package dev.harbormaster.benchmark;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures, not asserts a speed: reading a 1,000,000-line FOCUS file with the production reader in a JVM limited to
 * 256 MB of heap (it must finish: the reader keeps sums per day, service and currency, never lines). Run with
 * {@code mvn -B verify -Pbenchmark}; results go to target/benchmarks/focus-ingest.txt. The database write after it is
 * one batch of the sums (here 100 services × 100 days), not measured here.
 */
@Tag("benchmark")
class FocusIngestBenchmarkIT {

    private static final int LINES = Integer.getInteger("benchmark.focus.lines", 1_000_000);

    @TempDir
    Path work;

    @Test
    void aMillionLinesIn256MegabytesOfHeap() throws Exception {
        Path log = work.resolve("run.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.harbormaster.cost.FocusReadBenchmarkMain",
                work.resolve("focus.csv").toString(), String.valueOf(LINES))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the reader did not finish within 10 minutes");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("read: " + LINES + " used"), output);
        Path report = Path.of("target", "benchmarks", "focus-ingest.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, output, StandardCharsets.UTF_8);
        List.of(output.split("\n")).forEach(System.out::println);
    }
}
