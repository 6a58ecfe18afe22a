package dev.harbormaster.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Resident memory of a process and of its children, from /proc (Linux). */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** VmRSS of {@code pid} in MiB, or -1 when it cannot be read. */
    static double rssMib(long pid) {
        return field(pid, "VmRSS:");
    }

    /** VmHWM (peak resident) of {@code pid} in MiB, or -1. */
    static double peakRssMib(long pid) {
        return field(pid, "VmHWM:");
    }

    /**
     * The summed VmRSS of the PostgreSQL server of {@code dataDir} and of its backends ({@link #postgresProcesses}), in
     * MiB; -1 if none is found. Pages shared between them (shared_buffers, the binary) count once per process, so this overstates what
     * they take together.
     */
    static double postgresRssMib(Path dataDir) {
        List<ProcessHandle> processes = postgresProcesses(dataDir);
        return processes.isEmpty() ? -1 : processes.stream().mapToDouble(p -> Math.max(0, rssMib(p.pid()))).sum();
    }

    /**
     * The PostgreSQL server whose command line names {@code dataDir} (the postmaster; pg_ctl detaches it from the bot,
     * so it is no descendant of the bot's JVM) and its live backends and helpers.
     */
    static List<ProcessHandle> postgresProcesses(Path dataDir) {
        String dir = dataDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(dir)).orElse(false))
                .flatMap(server -> Stream.concat(Stream.of(server), server.descendants()))
                .toList();
    }

    private static double field(long pid, String name) {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            for (String line : status) {
                if (line.startsWith(name)) {
                    String kib = line.substring(name.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kib) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended, or this is not Linux
        }
        return -1;
    }
}
