package dev.harbormaster.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used, from /proc (Linux), for CPU per request or per message over a run. */
final class ProcessCpu {

    /** USER_HZ: /proc counts CPU time in these ticks, 100 per second on every Linux the JDK supports. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** utime + stime of {@code pid} in seconds; 0 when it cannot be read (the process ended, or this is not Linux). */
    static double seconds(long pid) {
        try {
            return seconds(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** utime + stime in seconds from a {@code stat} file: a process's, or one thread's ({@code /proc/PID/task/TID/stat}). */
    static double seconds(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds of the embedded PostgreSQL of {@code dataDir} and of its live backends
     * ({@link ProcessMemory#postgresProcesses}). Backends that ended are not counted, which is why a pooled bot's
     * figure is close and a bot that reconnects often would be understated.
     */
    static double postgresSeconds(Path dataDir) {
        return ProcessMemory.postgresProcesses(dataDir).stream().mapToDouble(p -> seconds(p.pid())).sum();
    }
}
