package dev.harbormaster.cost;

import dev.harbormaster.catalog.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox's demo cost: a FOCUS file the real reader takes whole, the same every time, with a visible rise. */
class SandboxCostDemoTest {

    @Test
    void ninetyDaysForEveryServiceWithARiseInTheLastMonth(@TempDir Path folder) throws Exception {
        Service api = new Service();
        api.name = "payments-api";
        api.ownerTeam = "payments";
        Service ledger = new Service();
        ledger.name = "payments-ledger";
        ledger.ownerTeam = "payments";
        LocalDate today = LocalDate.parse("2026-12-02");
        Path file = folder.resolve(SandboxCostDemo.FILE);
        SandboxCostDemo.write(file, List.of(api, ledger), today);
        String first = Files.readString(file);
        SandboxCostDemo.write(file, List.of(ledger, api), today);
        assertEquals(first, Files.readString(file), "a fixed seed: the same file every time");

        FocusReader.Result result;
        try (Reader in = Files.newBufferedReader(file)) {
            result = FocusReader.read(in, new CostMapping(List.of(api, ledger), List.of("payments")));
        }
        assertEquals(0, result.rowsSkipped());
        assertEquals(2 * 2 * SandboxCostDemo.DAYS + SandboxCostDemo.DAYS, result.rowsRead(), "two lines a service a day, one shared");
        assertEquals(today.minusDays(SandboxCostDemo.DAYS), result.costs().days().first());
        assertEquals(today.minusDays(1), result.costs().days().last());
        BigDecimal last30 = total(result, "payments-api", today.minusDays(30), today);
        BigDecimal before = total(result, "payments-api", today.minusDays(60), today.minusDays(30));
        assertTrue(last30.compareTo(before.multiply(new BigDecimal("1.2"))) > 0, last30 + " vs " + before);
        assertTrue(total(result, CostMapping.UNALLOCATED, today.minusDays(90), today).signum() > 0, "shared cost nobody tagged");
    }

    private static BigDecimal total(FocusReader.Result result, String service, LocalDate from, LocalDate to) {
        return result.costs().sums().entrySet().stream().filter(e -> e.getKey().service().equals(service))
                .filter(e -> !e.getKey().day().isBefore(from) && e.getKey().day().isBefore(to))
                .map(e -> e.getValue().effective).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
