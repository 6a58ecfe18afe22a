package dev.harbormaster.benchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a JVM started with {@code -XX:NativeMemoryTracking=summary} has committed, by part (heap, class metadata, the
 * class-data archive, JIT code, GC structures, threads…), from {@code jcmd <pid> VM.native_memory summary}: what its
 * resident memory is made of. Committed is not resident (untouched committed pages take no RAM), so the parts add up to
 * somewhat more than RSS.
 */
final class NativeMemory {

    private static final Pattern PART = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
    private static final Pattern TOTAL = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB");

    private NativeMemory() {
    }

    /** "total N MiB committed: Java Heap 64 MiB, Class 40 MiB, …", the largest parts first; or why it could not be read. */
    static String summary(long pid, int largest) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "VM.native_memory", "summary").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                return "jcmd failed: " + out.lines().findFirst().orElse("");
            }
            record Part(String name, long kib) {
            }
            List<Part> parts = new ArrayList<>();
            long total = -1;
            for (String line : out.lines().map(String::trim).toList()) {
                Matcher part = PART.matcher(line);
                Matcher sum = TOTAL.matcher(line);
                if (part.find()) {
                    parts.add(new Part(part.group(1), Long.parseLong(part.group(2))));
                } else if (sum.find()) {
                    total = Long.parseLong(sum.group(1));
                }
            }
            if (parts.isEmpty()) {
                return "no native memory tracking in jcmd's answer: " + out.lines().findFirst().orElse("");
            }
            return String.format("%.0f MiB committed: ", total / 1024.0) + parts.stream()
                    .sorted(Comparator.comparingLong(Part::kib).reversed()).limit(largest)
                    .map(p -> String.format("%s %.0f MiB", p.name(), p.kib() / 1024.0)).collect(Collectors.joining(", "));
        } catch (Exception e) {
            return "jcmd failed: " + e;
        }
    }
}
