package dev.harbormaster.slo;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.catalog.Slo;
import dev.harbormaster.slack.SlackConnection;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The figures' arithmetic, the paging rule, the sparkline, and where figures come from without a Prometheus. */
class SloFiguresTest {

    private static final Slo AVAILABILITY = new Slo("availability", 99.9, "30d", null, "sum(rate(ok[$window]))/sum(rate(all[$window]))", null);
    private static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void anOverspentBudgetShowsNegativeRatherThanZero() {
        assertEquals(0.5, SloReports.budgetLeft(AVAILABILITY, 0.9995), 1e-9);
        assertEquals(-1.0, SloReports.budgetLeft(AVAILABILITY, 0.998), 1e-9);
        assertEquals("-100.0%", SloFormat.budget(SloReports.budgetLeft(AVAILABILITY, 0.998)));
        assertEquals(14.4, SloReports.burn(AVAILABILITY, new PrometheusClient.Reading(1 - 0.0144, null)), 1e-9);
        assertNull(SloReports.burn(AVAILABILITY, new PrometheusClient.Reading(null, "down")));
        assertNull(SloReports.budgetLeft(new Slo("perfect", 100, "30d", null), 1.0), "100 % has no budget to divide by");
    }

    @Test
    void theWorkbookRulePagesOnlyWhenALongAndAShortWindowBothBurn() {
        assertTrue(new BurnRates(15.0, 1.0, 15.0, 1.0, 0.9, null).fastBurn(), "1h and 5m above 14.4");
        assertTrue(new BurnRates(1.0, 7.0, 1.0, 7.0, 0.9, null).fastBurn(), "6h and 30m above 6");
        assertFalse(new BurnRates(1.0, 7.0, 15.0, 5.0, 0.9, null).fastBurn(), "the last 5 minutes are calm: it is over");
        assertFalse(new BurnRates(null, 7.0, 15.0, 5.0, 0.9, "down").fastBurn(), "an unknown rate never pages");
        assertFalse(new BurnRates(null, 7.0, 15.0, 5.0, 0.9, "down").measured());
    }

    @Test
    void theSparklineScalesBetweenLowestAndHighestWithGaps() {
        assertEquals(" ▁█▅", Sparkline.of(Arrays.asList(null, 0.99, 0.999, 0.995)));
        assertEquals("▅▅", Sparkline.of(List.of(0.9, 0.9)), "steady is the middle, not the bottom");
        assertEquals("", Sparkline.of(List.of()));
    }

    private static SloReports reports(boolean sandbox) {
        SloReports reports = new SloReports();
        reports.catalog = Mockito.mock(Catalog.class);
        Service service = new Service();
        service.name = "payments-api";
        service.slos = new ArrayList<>(List.of(AVAILABILITY));
        Mockito.when(reports.catalog.service("payments-api")).thenReturn(Optional.of(service));
        Mockito.when(reports.catalog.service("nope")).thenReturn(Optional.empty());
        reports.prometheus = Mockito.mock(PrometheusClient.class);
        reports.connection = Mockito.mock(SlackConnection.class);
        Mockito.when(reports.connection.sandbox()).thenReturn(sandbox);
        reports.demoSli = new DemoSli();
        reports.prometheusSli = new PrometheusSli();
        return reports;
    }

    @Test
    void theSandboxWithoutPrometheusShowsSteadyLabelledDemoFigures() {
        SloReports reports = reports(true);
        SloStatus status = reports.forService("payments-api", AT).get(0);
        assertEquals("demo", status.source());
        assertTrue(status.attainment() > 0.999 && status.attainment() < 1, "within the objective: " + status);
        assertTrue(status.budgetLeft() > 0 && status.burn1h() < 1, "a demo never looks like an incident: " + status);
        assertEquals(8, status.weekly().size());
        assertEquals(status, reports.forService("payments-api", AT).get(0), "the same figures every time");
        assertEquals(List.of(), reports.forService("nope", AT));
    }

    @Test
    void productionWithoutPrometheusSaysNotMeasuredAndChecksNoBurns() {
        SloReports reports = reports(false);
        SloStatus status = reports.forService("payments-api", AT).get(0);
        assertNull(status.attainment());
        assertEquals("not measured: HARBORMASTER_SLO_PROMETHEUS_URL is not set", status.unavailable());
        SloBurnAlerts alerts = new SloBurnAlerts();
        alerts.prometheus = reports.prometheus;
        assertEquals(new SloBurnAlerts.Round(0, 0, 0, 0), alerts.evaluateAll(AT));
    }

    @Test
    void theReplyEscapesCatalogTextAndNamesTheDemoSource() {
        SloStatus status = new SloStatus("payments-api", "<!channel> *loud*", 99.9, "30d", 0.9995, 0.5, 0.2, 0.3,
                Arrays.asList(null, 0.999, 0.9995), "demo", "weekly: <b>odd</b>");
        String reply = SloMessage.reply("payments-api", List.of(status), "/platform").toString();
        assertFalse(reply.contains("<!channel>"), reply);
        assertTrue(reply.contains("&lt;!channel&gt;"), reply);
        assertTrue(reply.contains("99.950%") && reply.contains("50.0%") && reply.contains(DemoSli.LABEL), reply);
    }
}
