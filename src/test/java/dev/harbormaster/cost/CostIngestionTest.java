package dev.harbormaster.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.notify.SlackGateway;
import dev.harbormaster.testing.CatalogYaml;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cost sources into PostgreSQL and out as reports and budget alerts, on the team {@code growth} that the FOCUS sample's
 * tags name: services {@code nimbusapi} (tag application=NimbusAPI; namespace {@code opencost} of OpenCost's
 * {@code default-cluster}) and {@code ledger} (cost centre CC-3090).
 */
@QuarkusTest
class CostIngestionTest {

    static final Path SAMPLE = FocusReaderTest.FIXTURES.resolve("focus-1.2-sample-multicloud.csv");
    static final String SOURCE = "focus:" + SAMPLE.getFileName();

    @Inject
    CatalogImport catalogImport;
    @Inject
    FocusIngestion focus;
    @Inject
    OpenCostIngestion openCost;
    @Inject
    CostReports reports;
    @Inject
    BudgetAlerts alerts;
    @Inject
    Budgets budgets;
    @Inject
    CostStore store;
    @Inject
    EntityManager entityManager;
    @Inject
    CostPolling polling;
    @InjectMock
    SlackGateway gateway;

    @BeforeEach
    void growthTeam() {
        String yaml = CatalogYaml.team("growth", "growth") + """
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: nimbusapi}
                spec:
                  type: service
                  lifecycle: production
                  owner: growth
                  harbormaster:
                    environments:
                      - {name: production, cluster: default-cluster, namespace: opencost}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: ledger
                  annotations: {harbormaster.dev/cost-center: CC-3090}
                spec: {type: service, lifecycle: production, owner: growth}
                """;
        assertTrue(catalogImport.importYaml("system", "cost-test/growth.yaml", yaml).imported());
    }

    @Test
    void aFocusFileReadTwiceCountsOnceAndAnUnchangedFileIsNotReadAgain() throws Exception {
        Path folder = Files.createTempDirectory("focus");
        Path file = Files.copy(SAMPLE, folder.resolve(SAMPLE.getFileName()));
        assertTrue(focus.readFolder(folder).get(0).read());
        BigDecimal effective = sum(SOURCE, "effective_cost");
        // The sample's 17 EffectiveCost values added up by hand.
        assertEquals(0, new BigDecimal("4061.10111981").compareTo(effective), "every line's EffectiveCost, once");

        assertFalse(focus.readFolder(folder).get(0).read(), "same size and time: not read again");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertTrue(focus.readFolder(folder).get(0).read(), "touched: read again");
        assertEquals(0, effective.compareTo(sum(SOURCE, "effective_cost")), "read again, replaced, not added");

        // A rewrite that breaks the file is refused whole: what it gave before stays, and the sources say why.
        Files.writeString(file, "ChargePeriodStart,BillingCurrency,EffectiveCost,BilledCost\n2024-09-01,\"USD,1,1\n");
        FocusIngestion.FileOutcome broken = focus.readFolder(folder).get(0);
        assertFalse(broken.read());
        assertTrue(broken.error().contains("never closed"), broken.error());
        assertEquals(0, effective.compareTo(sum(SOURCE, "effective_cost")));
        CostSource files = QuarkusTransaction.requiringNew().call(() -> reports.sources()).get(0);
        assertTrue(files.detail().contains("could not be read"), files.detail());
        Files.copy(SAMPLE, file, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(focus.readFolder(folder).get(0).read(), "fixed: read again");
    }

    @Test
    void aTeamsReportAddsItsServicesAndTeamTaggedCostAgainstTheMonthBefore() throws Exception {
        focus.read(SAMPLE);
        TeamCost cost = QuarkusTransaction.requiringNew().call(() ->
                reports.forTeam("growth", LocalDate.parse("2024-09-01"), LocalDate.parse("2024-10-01"), LocalDate.parse("2024-09-30")));

        BigDecimal nimbus = new BigDecimal("37.06098072").add(new BigDecimal("111.02780094")).add(new BigDecimal("573.39625692"));
        BigDecimal ledger = new BigDecimal("299.14796912");
        BigDecimal tagged = new BigDecimal("468.17049576").add(new BigDecimal("107.8996464"));
        assertEquals("USD", cost.currency());
        assertEquals(List.of("nimbusapi", "(team:growth)", "ledger"), cost.services().stream().map(ServiceCost::service).toList());
        assertEquals(0, nimbus.add(ledger).add(tagged).compareTo(cost.total()));
        assertEquals(0, cost.previousTotal().signum());
        assertEquals(0, cost.total().compareTo(cost.monthToDate()));
        // The month's data runs to 22 September: 30 days at that pace.
        assertEquals(0, cost.monthToDate().multiply(BigDecimal.valueOf(30)).divide(BigDecimal.valueOf(22), 2,
                java.math.RoundingMode.HALF_EVEN).compareTo(cost.monthForecast()));
        assertEquals(30, cost.dailyByService().size());
        assertEquals(0, new BigDecimal("111.02780094").compareTo(cost.dailyByService().get(LocalDate.parse("2024-09-05")).get("nimbusapi")));
        assertTrue(cost.notes().stream().anyMatch(n -> n.contains("not allocated to any catalog service")), cost.notes().toString());
        assertTrue(cost.notes().stream().anyMatch(n -> n.startsWith("OpenCost: not configured")), cost.notes().toString());
        assertEquals(3, cost.topMovers().size(), "all new this month");
    }

    @Test
    void openCostDaysAreReplacedAndABadAnswerWritesNothing() throws Exception {
        LocalDate from = LocalDate.parse("2025-03-01");
        LocalDate to = LocalDate.parse("2025-03-03");
        double perDay = OpenCostStub.fixtureCosts().get("opencost");
        try (OpenCostStub stub = new OpenCostStub()) {
            OpenCostClient client = new OpenCostClient(stub.url(), Duration.ofSeconds(1), new ObjectMapper());
            CostMapping mapping = focus.mapping();
            assertTrue(openCost.poll(client, from, to, mapping, "USD"));
            assertTrue(openCost.poll(client, from, to, mapping, "USD"), "again: the same days replaced");
            BigDecimal nimbus = sum("opencost", "effective_cost", "nimbusapi");
            assertEquals(0, BigDecimal.valueOf(perDay * 2).compareTo(nimbus), "two days of namespace opencost");
            BigDecimal unallocated = sum("opencost", "effective_cost", CostMapping.UNALLOCATED);
            assertTrue(unallocated.signum() > 0, "kube-system and prometheus belong to no service");

            for (OpenCostStub.Mode bad : List.of(OpenCostStub.Mode.ERROR_500, OpenCostStub.Mode.GARBAGE, OpenCostStub.Mode.HANG)) {
                stub.mode = bad;
                assertFalse(openCost.poll(client, from, to, mapping, "USD"), bad.name());
                assertEquals(0, nimbus.compareTo(sum("opencost", "effective_cost", "nimbusapi")), bad + " changed nothing");
            }
        }
    }

    @Test
    void aBudgetAlertIsPostedOncePerThresholdEvenWhenTwoEvaluateAtOnce() throws Exception {
        focus.read(SAMPLE);
        // September 2024 so far: 1,596.70 USD (80 % of 1,900 passed); forecast 2,177.32 (100 % forecast).
        QuarkusTransaction.requiringNew().run(() -> budgets.set(new Budget("growth", new BigDecimal("1900"), "USD", "month"), "UCAROL"));
        LocalDate today = LocalDate.parse("2024-09-30");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<BudgetAlerts.Posted>>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return alerts.evaluate(today);
            }));
        }
        start.countDown();
        List<BudgetAlerts.Posted> posted = new ArrayList<>();
        for (CompletableFuture<List<BudgetAlerts.Posted>> run : runs) {
            run.get().stream().filter(p -> p.team().equals("growth")).forEach(posted::add);
        }
        assertEquals(List.of("80 actual", "100 forecast"), posted.stream().sorted(java.util.Comparator.comparing(BudgetAlerts.Posted::threshold))
                .map(p -> p.threshold() + " " + p.basis()).toList());
        assertTrue(alerts.evaluate(today).stream().noneMatch(p -> p.team().equals("growth")), "evaluated again: nothing new");

        List<String> texts = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select blocks_json from outbox_message where message_key like 'cost-budget:growth:2024-09-01:%' order by length(message_key), message_key")
                .getResultList()).stream().map(Object::toString).toList();
        assertEquals(2, texts.size());
        assertTrue(texts.get(1).contains("100 % mark") && texts.get(1).contains("forecast"), texts.get(1));
        assertTrue(texts.get(0).contains("80 % mark") && texts.get(0).contains("(actual)"), texts.get(0));
    }

    @Test
    void inTheSandboxAPollReadsTheGeneratedDemoFileThroughTheSameReader() throws Exception {
        dev.harbormaster.testing.DemoCatalog.restore(catalogImport, "users.yaml", "teams.yaml", "payments-api.yaml", "services.yaml");
        String demoSource = "focus:" + SandboxCostDemo.FILE;
        try {
            polling.poll();
            CostStore.SourceRead read = QuarkusTransaction.requiringNew().call(() -> store.lastRead(demoSource)).orElseThrow();
            assertEquals(null, read.error());
            assertEquals(0, read.rowsSkipped());
            LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
            TeamCost payments = QuarkusTransaction.requiringNew().call(() ->
                    reports.forTeam("payments", today.minusDays(30), today, today));
            assertTrue(payments.services().stream().anyMatch(s -> s.service().equals("payments-api")), payments.services().toString());
            assertTrue(payments.percentChange() != null && payments.percentChange() > 10, "payments-api grows: " + payments.percentChange());
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                store.replace(demoSource, null, new DailyCosts());
                entityManager.createNativeQuery("delete from cost_source_read where name = ?1").setParameter(1, demoSource).executeUpdate();
            });
        }
    }

    private BigDecimal sum(String source, String column) {
        return QuarkusTransaction.requiringNew().call(() -> (BigDecimal) entityManager.createNativeQuery(
                "select coalesce(sum(" + column + "), 0) from cost_daily where source = ?1").setParameter(1, source).getSingleResult());
    }

    private BigDecimal sum(String source, String column, String service) {
        return QuarkusTransaction.requiringNew().call(() -> (BigDecimal) entityManager.createNativeQuery(
                        "select coalesce(sum(" + column + "), 0) from cost_daily where source = ?1 and service = ?2")
                .setParameter(1, source).setParameter(2, service).getSingleResult());
    }
}
