package dev.harbormaster.cost;

import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.Service;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FOCUS reader on the real samples in ../shared/fixtures/focus and on hostile files; sums worked out by hand. */
class FocusReaderTest {

    static final Path FIXTURES = Path.of(System.getProperty("harbormaster.fixtures", "../shared/fixtures"), "focus");
    static final String USD = "USD";

    /**
     * A catalog for the multicloud sample: NimbusAPI is a service (tag {@code application}), CC-3090 is one service's
     * cost centre, CC-1001 is shared by two, and growth and payments are teams (infra is not).
     */
    static CostMapping mapping() {
        return new CostMapping(List.of(service("nimbusapi", null), service("ledger", "CC-3090"), service("cc-a", "CC-1001"),
                service("cc-b", "CC-1001")), List.of("growth", "payments"));
    }

    static Service service(String name, String costCenter) {
        Service service = new Service();
        service.name = name;
        service.costCenter = costCenter;
        return service;
    }

    @Test
    void quotedSampleWithNullsAndJsonTagsIsSummedPerDayAndService() throws Exception {
        FocusReader.Result result = read(FIXTURES.resolve("focus-1.2-sample-multicloud.csv"));

        assertEquals(17, result.rowsRead());
        assertEquals(0, result.rowsSkipped());
        // By tag application=NimbusAPI (lines 4, 6 and 17 of the data).
        assertEquals(new BigDecimal("111.02780094"), effective(result, "2024-09-05", "nimbusapi"));
        assertEquals(new BigDecimal("37.06098072").add(new BigDecimal("111.02780094")).add(new BigDecimal("573.39625692")),
                total(result, "nimbusapi", true));
        // By cost centre: CC-3090 belongs to one service; CC-1001 to two, which share the line evenly and exactly.
        assertEquals(new BigDecimal("299.14796912"), effective(result, "2024-09-20", "ledger"));
        assertEquals(0, new BigDecimal("37.01464657").compareTo(
                effective(result, "2024-09-10", "cc-a").add(effective(result, "2024-09-10", "cc-b"))));
        assertEquals(0, effective(result, "2024-09-10", "cc-a").compareTo(new BigDecimal("18.507323285")));
        // By team only: team=growth (with a cost centre no service has, and with an application not in the catalog).
        assertEquals(new BigDecimal("468.17049576").add(new BigDecimal("107.8996464")), total(result, "(team:growth)", true));
        // team=payments with EffectiveCost 0: billed counts, effective does not.
        assertEquals(new BigDecimal("361.21791199999996"), total(result, "(team:payments)", false));
        assertEquals(0, total(result, "(team:payments)", true).signum());
        // Everything else (no tags, owner only, team=infra unknown, CC-2042 without a service) is unallocated.
        BigDecimal unallocated = sum("0", "268.11049104", "732.7757514", "85.12676942", "0", "375.106496", "757.30927092",
                "98.33616", "110.6183846");
        assertEquals(0, unallocated.compareTo(total(result, CostMapping.UNALLOCATED, true)));
        // Nothing is lost: the whole file's effective cost is in some bucket.
        BigDecimal all = sum("468.17049576", "299.14796912", "0", "37.06098072", "37.01464657", "111.02780094", "268.11049104",
                "0", "107.8996464", "732.7757514", "85.12676942", "0", "375.106496", "757.30927092", "98.33616", "110.6183846",
                "573.39625692");
        assertEquals(0, all.compareTo(result.costs().sums().values().stream().map(a -> a.effective).reduce(BigDecimal.ZERO, BigDecimal::add)));
    }

    @Test
    void unquotedSampleWithEmptyFieldsAndOtherColumnOrder() throws Exception {
        FocusReader.Result result = read(FIXTURES.resolve("focus-spec-aws-savings-plan-50pct-subset.csv"));

        assertEquals(7, result.rowsRead());
        assertEquals(0, result.rowsSkipped());
        // No Tags column: all unallocated, all on 2026-02-01 (the purchase's charge period starts then too).
        assertEquals(List.of(LocalDate.parse("2026-02-01")), List.copyOf(result.costs().days()));
        assertEquals(new BigDecimal("79.11").multiply(BigDecimal.valueOf(6)), total(result, CostMapping.UNALLOCATED, true));
        assertEquals(new BigDecimal("693003.60"), total(result, CostMapping.UNALLOCATED, false));
    }

    @Test
    void hostileLinesAreSkippedAndCountedTheRestIsKept() throws Exception {
        String header = "ChargePeriodStart,BillingCurrency,EffectiveCost,BilledCost,Tags\n";
        String csv = header
                + "2024-09-01T00:00:00Z,USD,10.00,10.00,\"{\"\"service\"\": \"\"nimbusapi\"\"}\"\n"
                + "2024-09-01T00:00:00Z,USD,abc,1.00,NULL\n"                       // cost not a number
                + "2024-09-01T00:00:00Z,USD,\"5.00\"x,5.00,NULL\n"                 // text after a closing quote
                + "2024-09-01T00:00:00Z,US\"D,5.00,5.00,NULL\n"                    // a quote inside an unquoted field
                + "2024-09-01T00:00:00Z,USD,5.00,5.00,\"" + "x".repeat(CsvRecords.MAX_FIELD + 10) + "\"\n" // huge field
                + "yesterday,USD,5.00,5.00,NULL\n"                                 // not a date
                + "2024-09-01T00:00:00Z,dollars,5.00,5.00,NULL\n"                  // not a currency code
                + "2024-09-01T00:00:00Z,USD,5.00\n"                                // too few fields
                + "2024-09-01T00:00:00Z,USD,1e400,5.00,NULL\n"                     // absurd amount
                + "\n"
                + "2024-09-02T23:30:00-02:00,EUR,2.50,2.50,{}\r\n";               // next day in UTC, CRLF, other currency
        FocusReader.Result result = FocusReader.read(new StringReader(csv), mapping());

        assertEquals(2, result.rowsRead());
        assertEquals(8, result.rowsSkipped());
        assertEquals(5, result.skipSamples().size(), "a few reasons are kept, not all");
        assertTrue(result.skipSamples().get(0).contains("EffectiveCost is not a number"), result.skipSamples().toString());
        assertEquals(new BigDecimal("10.00"), effective(result, "2024-09-01", "nimbusapi"));
        assertEquals(new BigDecimal("2.50"), result.costs().sums().get(new DailyCosts.Key(LocalDate.parse("2024-09-03"),
                CostMapping.UNALLOCATED, "EUR")).effective);
        assertEquals(2, result.costs().sums().size());
    }

    @Test
    void aQuoteNeverClosedOrMissingColumnsRefuseTheWholeFile() {
        String unclosed = "ChargePeriodStart,BillingCurrency,EffectiveCost,BilledCost\n"
                + "2024-09-01T00:00:00Z,USD,10.00,10.00\n"
                + "2024-09-01T00:00:00Z,\"USD,10.00,10.00\n";
        FocusReader.RefusedFileException broken = assertThrows(FocusReader.RefusedFileException.class,
                () -> FocusReader.read(new StringReader(unclosed), mapping()));
        assertTrue(broken.getMessage().contains("never closed"), broken.getMessage());

        FocusReader.RefusedFileException notFocus = assertThrows(FocusReader.RefusedFileException.class,
                () -> FocusReader.read(new StringReader("Date,Cost\n2024-09-01,1\n"), mapping()));
        assertTrue(notFocus.getMessage().contains("EffectiveCost"), notFocus.getMessage());
    }

    @Test
    void namespacesMapThroughEnvironmentsAndAreSharedEvenly() {
        Service api = service("api", null);
        Service worker = service("worker", null);
        api.environments.add(environment("eks-1", "shop"));
        worker.environments.add(environment("eks-1", "shop"));
        worker.environments.add(environment("eks-2", "jobs"));
        CostMapping mapping = new CostMapping(List.of(api, worker), List.of());

        assertEquals(List.of("api", "worker"), mapping.byNamespace("eks-1", "shop"));
        assertEquals(List.of("worker"), mapping.byNamespace("eks-2", "jobs"));
        assertEquals(List.of(CostMapping.UNALLOCATED), mapping.byNamespace("eks-2", "shop"));
        assertEquals(List.of(CostMapping.UNALLOCATED), mapping.byTags(Map.of("service", "nope")));
    }

    private static Environment environment(String cluster, String namespace) {
        Environment environment = new Environment();
        environment.cluster = cluster;
        environment.namespace = namespace;
        return environment;
    }

    private static FocusReader.Result read(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return FocusReader.read(in, mapping());
        } catch (IOException e) {
            throw new AssertionError("The fixture is missing: " + file.toAbsolutePath(), e);
        }
    }

    private static BigDecimal effective(FocusReader.Result result, String day, String service) {
        DailyCosts.Amounts amounts = result.costs().sums().get(new DailyCosts.Key(LocalDate.parse(day), service, USD));
        return amounts == null ? BigDecimal.ZERO : amounts.effective;
    }

    private static BigDecimal total(FocusReader.Result result, String service, boolean effective) {
        return result.costs().sums().entrySet().stream().filter(e -> e.getKey().service().equals(service))
                .map(e -> effective ? e.getValue().effective : e.getValue().billed).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal sum(String... amounts) {
        BigDecimal total = BigDecimal.ZERO;
        for (String amount : amounts) {
            total = total.add(new BigDecimal(amount));
        }
        return total;
    }
}
