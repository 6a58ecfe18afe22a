package dev.harbormaster.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where a start's CPU went by the time it was ready, from /proc (Linux): the whole JVM, its JIT compiler threads, and
 * the main thread that runs Quarkus's boot, split into the time it ran and the time it was runnable but waited for a
 * core (schedstat). On two cores a start is short of cores, not of work it waits on, when the main thread waits about as
 * long as it runs while the compilers take seconds; that is what this shows when "ready" misses its goal.
 */
final class StartupCpu {

    private StartupCpu() {
    }

    /** A line for the report, read now from the process {@code pid}; {@code "not readable"} off Linux. */
    static String describe(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        double compilers = 0;
        double mainCpu = -1;
        Path mainTask = null;
        try (Stream<Path> all = Files.list(tasks)) {
            for (Path task : all.toList()) {
                String name;
                double cpu;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                    cpu = ProcessCpu.seconds(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // a thread that ended since the listing: start-up has short-lived ones
                }
                if (name.contains("CompilerThre")) {
                    compilers += cpu;
                } else if (name.equals("java") && !task.getFileName().toString().equals(Long.toString(pid)) && cpu > mainCpu) {
                    // the JVM's main thread; the process's first thread only launched it and waits
                    mainCpu = cpu;
                    mainTask = task;
                }
            }
            if (mainTask == null) {
                return "not readable";
            }
            String[] schedstat = Files.readString(mainTask.resolve("schedstat")).strip().split(" ");
            double ran = Long.parseLong(schedstat[0]) / 1e9;
            double waited = Long.parseLong(schedstat[1]) / 1e9;
            return String.format("by ready the JVM had used %.1f s of CPU on %d cores, its JIT compilers %.1f s of it; the "
                            + "main thread (Quarkus's boot and the start-up observers) ran %.2f s and waited %.2f s for a core",
                    ProcessCpu.seconds(pid), Runtime.getRuntime().availableProcessors(), compilers, ran, waited);
        } catch (IOException | RuntimeException unreadable) {
            return "not readable";
        }
    }
}
