package dev.harbormaster.cost;

import dev.harbormaster.catalog.Service;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Run by FocusIngestBenchmarkIT in a JVM of its own (-Xmx256m): writes a FOCUS file of N lines (100 services × 100
 * days, tags as JSON), reads it with the production reader and prints lines used, sums kept, time and peak heap.
 */
public final class FocusReadBenchmarkMain {

    private FocusReadBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int lines = Integer.parseInt(args[1]);
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Service service = new Service();
            service.name = "svc-" + i;
            service.costCenter = "CC-" + (i % 10);
            services.add(service);
        }
        long writeStart = System.nanoTime();
        write(file, lines);
        long written = System.nanoTime();
        FocusReader.Result result;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            result = FocusReader.read(in, new CostMapping(services, List.of("team-a")));
        }
        long read = System.nanoTime();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("file: %d lines, %d MB, written in %d ms%n", lines, Files.size(file) / (1024 * 1024),
                (written - writeStart) / 1_000_000);
        System.out.printf("read: %d used, %d skipped, %d day×service×currency sums, in %d ms%n", result.rowsRead(),
                result.rowsSkipped(), result.costs().sums().size(), (read - written) / 1_000_000);
        System.out.printf("heap: max %d MB, peak used %d MB (sum of heap pools' peaks)%n",
                Runtime.getRuntime().maxMemory() / (1024 * 1024), peak / (1024 * 1024));
    }

    private static void write(Path file, int lines) throws IOException {
        Random random = new Random(12);
        LocalDate first = LocalDate.parse("2026-01-01");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,EffectiveCost,ServiceName,Tags\n");
            for (int i = 0; i < lines; i++) {
                int service = i % 100;
                LocalDate day = first.plusDays((i / 100) % 100);
                String cost = String.format("%.4f", random.nextDouble() * 10);
                String tags = i % 3 == 0 ? "\"{\"\"service\"\": \"\"svc-" + service + "\"\"}\""
                        : i % 3 == 1 ? "\"{\"\"cost_center\"\": \"\"CC-" + (service % 10) + "\"\"}\"" : "NULL";
                out.write(cost + ",USD," + day + "T00:00:00Z," + day.plusDays(1) + "T00:00:00Z," + cost + ",Compute," + tags + "\n");
            }
        }
    }
}
