package dev.harbormaster.slo;

import dev.harbormaster.alert.RealAlertmanagers;
import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.testing.DemoCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SLOs against a real Prometheus ({@link RealPrometheus}) over counters backfilled with known counts: the figures the
 * command shows are the ones computed here by hand, and the backfilled fast burn posts one alert to #payments.
 */
@QuarkusTest
@TestProfile(RealAlertmanagers.Profile.class)
class SloWithPrometheusTest {

    /** rate() divides floats; the hand computation divides the same integers, so only float rounding separates them. */
    private static final double TOLERANCE = 1e-9;

    @Inject
    CatalogImport catalogImport;
    @Inject
    SloReports reports;
    @Inject
    SloBurnAlerts burnAlerts;
    @Inject
    EntityManager entityManager;

    private BackfilledRequests data;
    private Instant at;

    @BeforeEach
    void measureAtTheEndOfTheBackfilledData() throws Exception {
        long end = ConfigProvider.getConfig().getValue(RealPrometheus.DATA_END, Long.class);
        data = new BackfilledRequests(Instant.ofEpochSecond(end));
        at = data.measuredAt();
        Clock fixed = Clock.fixed(at, ZoneOffset.UTC);
        QuarkusMock.installMockForType(new SloClock() {
            @Override
            public Clock clock() {
                return fixed;
            }
        }, SloClock.class);
        DemoCatalog.restore(catalogImport, "teams.yaml", "payments-api.yaml", "services.yaml");
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
    }

    @Test
    void theSloCommandShowsTheAttainmentAndBudgetLeftComputedByHand() {
        double attainment = data.goodRatio(Duration.ofDays(30), at);
        double budgetLeft = 1 - (1 - attainment) / (1 - 99.95 / 100);
        double burn1h = (1 - data.goodRatio(Duration.ofHours(1), at)) / 0.0005;
        double burn6h = (1 - data.goodRatio(Duration.ofHours(6), at)) / 0.0005;

        SloStatus availability = reports.forService("payments-api").get(0);
        assertEquals("availability", availability.slo());
        assertEquals(attainment, availability.attainment(), TOLERANCE);
        assertEquals(budgetLeft, availability.budgetLeft(), 1e-6);
        assertEquals(burn1h, availability.burn1h(), 1e-6);
        assertEquals(burn6h, availability.burn6h(), 1e-6);
        assertEquals("prometheus", availability.source());
        assertNull(availability.unavailable());
        List<Double> weekly = availability.weekly();
        assertEquals(8, weekly.size());
        assertNull(weekly.get(0), "weeks before the data began are gaps, not zero: " + weekly);
        assertEquals(data.goodRatio(Duration.ofDays(7), at), weekly.get(7), TOLERANCE);

        RestAssured.given().contentType("application/json")
                .body(Map.of("user", "alice", "channel", "payments", "text", "slo payments-api"))
                .post("/sandbox/command").then().statusCode(200);
        String reply = waitFor("the slo reply", () -> AlertPayloadsView.messages("payments").stream()
                .filter(m -> "alice".equals(m.get("ephemeral_to")) && String.valueOf(m.get("blocks")).contains("Error budget left"))
                .map(m -> m.get("text") + " " + m.get("blocks")).findFirst().orElse(null));
        assertTrue(reply.contains(SloFormat.attainment(attainment)), SloFormat.attainment(attainment) + " in " + reply);
        assertTrue(reply.contains(SloFormat.budget(budgetLeft)), SloFormat.budget(budgetLeft) + " in " + reply);
        assertTrue(reply.contains(SloFormat.burn(burn1h)), reply);
        assertTrue(reply.contains("Prometheus has no data"), "the latency SLO has no series, and says so: " + reply);
    }

    @Test
    void aTypoAServiceWithoutSlosAndSlosWithoutAQueryEachSayWhatToDo() {
        assertTrue(slo("payments-apj").contains("Did you mean `payments-api`?"));
        assertTrue(slo("checkout-web").contains("has no SLOs in the catalog") && slo("checkout-web").contains("spec.harbormaster.slos"));
        assertTrue(slo("payments-ledger").contains("not measured: the catalog gives no query"));
    }

    /** The reply to {@code slo <service>} typed by alice in #payments. */
    private static String slo(String service) {
        RestAssured.given().contentType("application/json")
                .body(Map.of("user", "alice", "channel", "payments", "text", "slo " + service))
                .post("/sandbox/command").then().statusCode(200);
        return waitFor("the reply about " + service, () -> AlertPayloadsView.messages("payments").stream()
                .filter(m -> "alice".equals(m.get("ephemeral_to")) && (m.get("text") + " " + m.get("blocks")).contains(service))
                .reduce((first, last) -> last).map(m -> m.get("text") + " " + m.get("blocks")).orElse(null));
    }

    @Test
    void theBackfilledFastBurnPostsOneAlertToPaymentsEvenWhenCheckedTwiceAtOnce() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "delete from slo_burn_episode where service = 'payments-api'").executeUpdate());
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<SloBurnAlerts.Round> first = CompletableFuture.supplyAsync(() -> checkAfter(together));
        CompletableFuture<SloBurnAlerts.Round> second = CompletableFuture.supplyAsync(() -> checkAfter(together));
        int opened = first.get().opened() + second.get().opened() + burnAlerts.evaluateAll(at).opened();
        assertEquals(1, opened, "one episode opened by three checks, two of them at once");

        Map<String, Object> alert = waitFor("the burn alert in #payments", () -> burnAlertsIn("payments").stream()
                .findFirst().orElse(null));
        String text = String.valueOf(alert.get("text"));
        assertTrue(text.contains("availability") && text.contains("payments-api"), text);
        assertTrue(text.contains(SloFormat.burn((1 - data.goodRatio(Duration.ofHours(1), at)) / 0.0005)), text);
        assertTrue(text.contains("https://runbooks.example.com/payments-api"), "the catalog's runbook: " + text);
        waitFor("the outbox drained", () -> QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from outbox_message where message_key like 'slo-burn:%' and status <> 'SENT'")
                .getSingleResult()).intValue() == 0));
        assertEquals(1, burnAlertsIn("payments").size(), "one alert, not one per check");

        // two hours later the 5m window holds no data: an unmeasured check does not end the burn, nor page again
        SloBurnAlerts.Round later = burnAlerts.evaluateAll(at.plus(Duration.ofHours(2)));
        assertTrue(later.unmeasured() > 0, later.toString());
        assertEquals(0, later.opened() + later.closed(), later.toString());
    }

    @Test
    void aBurnQuietForHalfAnHourIsOverWithANoticeInTheAlertsThread() throws Exception {
        theBackfilledFastBurnPostsOneAlertToPaymentsEvenWhenCheckedTwiceAtOnce();
        Map<String, Object> alert = burnAlertsIn("payments").get(0);
        // the backfilled data only burns at its end, so the episode is moved back to have last burned three hours
        // before it; a measured, calm check two hours before the end is then 1 h past the last burn
        Instant lastBurn = at.minus(Duration.ofHours(3));
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "update slo_burn_episode set opened_at = ?1, last_burning_at = ?1 where service = 'payments-api' and closed_at is null")
                .setParameter(1, lastBurn.atOffset(ZoneOffset.UTC)).executeUpdate());
        SloBurnAlerts.Round calm = burnAlerts.evaluateAll(at.minus(Duration.ofHours(2)));
        assertEquals(1, calm.closed(), calm.toString());
        Map<String, Object> over = waitFor("the notice in the alert's thread", () -> AlertPayloadsView.messages("payments").stream()
                .filter(m -> alert.get("ts").equals(m.get("thread_ts")) && String.valueOf(m.get("text")).contains("is over"))
                .findFirst().orElse(null));
        assertTrue(String.valueOf(over.get("text")).contains("availability"), over.toString());
        assertEquals(0, burnAlerts.evaluateAll(at.minus(Duration.ofHours(2))).closed(), "closed once");
    }

    private SloBurnAlerts.Round checkAfter(CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return burnAlerts.evaluateAll(at);
    }

    private static List<Map<String, Object>> burnAlertsIn(String channel) {
        return AlertPayloadsView.messages(channel).stream()
                .filter(m -> m.get("ephemeral_to") == null && m.get("thread_ts") == null
                        && String.valueOf(m.get("text")).contains("Fast burn"))
                .toList();
    }

    /** The sandbox's channel as the alert tests read it. */
    private static final class AlertPayloadsView {
        static List<Map<String, Object>> messages(String channel) {
            return RestAssured.get("/sandbox/messages?channel=" + channel).jsonPath().getList("");
        }
    }
}
