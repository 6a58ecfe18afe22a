package dev.harbormaster.dora;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dora}: the figures a team reads match the deploys recorded, and what cannot be known says why. */
@QuarkusTest
class DoraTest {

    private static final Instant NOW = Instant.now();

    @Inject
    EntityManager entities;

    @Test
    void doraReportsFrequencyFailureRateRestoreAndLeadTimeFromTheRecordedDeploys() {
        QuarkusTransaction.requiringNew().run(() -> {
            entities.createNativeQuery("delete from deployment_record where service = 'payments-ledger'").executeUpdate();
            entities.createNativeQuery("delete from alert_record where service = 'payments-ledger'").executeUpdate();
            record("DEPLOY", "production", "SUCCEEDED", days(40), null);      // the window before: 1 deploy
            record("DEPLOY", "production", "SUCCEEDED", days(20), null);
            record("DEPLOY", "production", "FAILED", days(15), null);         // failed change, restored by the next
            record("DEPLOY", "production", "SUCCEEDED", days(14), null);
            record("DEPLOY", "production", "SUCCEEDED", days(10), null);      // rolled back 2 h later: failed change
            record("ROLLBACK", "production", "SUCCEEDED", days(10).plus(Duration.ofHours(2)), null);
            record("EXTERNAL", "production", "SUCCEEDED", days(7), null);     // CI changed the image: a deploy
            record("DEPLOY", "production", "SUCCEEDED", days(5), days(5).minus(Duration.ofHours(3)));
            record("DEPLOY", "staging", "FAILED", days(3), null);             // not production: not counted
            record("SCALE", "production", "SUCCEEDED", days(2), null);        // not a change of code
        });
        String answer = command("dora payments-ledger --window 30d");
        assertTrue(answer.contains("1.2/week (5 deploys)"), answer);
        assertTrue(answer.contains("33% (2 of 6)"), "one failed, one rolled back within 24 h, of six finished: " + answer);
        assertTrue(answer.contains("24 h 0 min (median of 1)"), "failed → next successful rollout: " + answer);
        assertTrue(answer.contains("3 h 10 min (median of 1)"), "the one deploy that named its commit time: " + answer);
        assertTrue(answer.contains("better than before"), "5 deploys against 1 in the window before: " + answer);

        String team = command("dora payments --window 7d");
        assertTrue(team.contains("DORA · team payments") && team.contains("Last 7d against the 7d before"), team);

        String longAgo = command("dora payments-ledger --window 1d");
        assertTrue(longAgo.contains("n/a _(no production deploy finished in the window)_"), longAgo);
        assertTrue(longAgo.contains("n/a _(no production deploy in the window)_"), longAgo);

        assertTrue(command("dora payments --window 5y").contains("`--window` takes whole days or weeks"));
        assertTrue(command("dora paymnts").contains("No service or team named `paymnts`"));
    }

    @Test
    void aDeployNamesItsCommitTimeAndABadOneIsRefusedBeforeAnythingChanges() {
        String refused = command("deploy payments-api 7.7.7 --env staging --commit-time yesterday");
        assertTrue(refused.contains("`--commit-time` takes an ISO-8601 time"), refused);
        command("deploy payments-api 7.7.8 --env staging --commit-time 2026-11-30T10:15:00+01:00");
        Object committed = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> entities.createNativeQuery(
                "select commit_time from deployment_record where service = 'payments-api' and to_image like '%:7.7.8'")
                .getResultList());
        assertEquals("[2026-11-30T09:15Z]", committed.toString().replace(":00Z", "Z"));
        assertEquals(0L, ((Number) QuarkusTransaction.requiringNew().call(() -> entities.createNativeQuery(
                "select count(*) from deployment_record where to_image like '%:7.7.7'").getSingleResult())).longValue());
    }

    @Test
    void timeToRestoreIsTheMedianOfAlertOutagesAndRecoveredRollouts() {
        Instant from = NOW.minus(Duration.ofDays(30));
        List<DoraReports.Change> changes = List.of(
                new DoraReports.Change("a", "production", "DEPLOY", "FAILED", days(9), days(9), null, true),
                new DoraReports.Change("a", "production", "ROLLBACK", "SUCCEEDED", days(9).plus(Duration.ofMinutes(30)),
                        days(9).plus(Duration.ofMinutes(40)), null, false));
        DoraFigures figures = DoraReports.figures(changes, List.of(Duration.ofMinutes(10), Duration.ofMinutes(90)), from, NOW);
        assertEquals(Duration.ofMinutes(40), figures.timeToRestore().value(), "median of 10, 40 and 90 minutes");
        assertEquals(3, figures.restores());
        assertEquals(1.0, figures.changeFailureRate().value());
    }

    private void record(String kind, String environment, String result, Instant startedAt, Instant commitTime) {
        entities.createNativeQuery("""
                        insert into deployment_record (service, environment, cluster, namespace, deployment, kind, actor,
                            from_image, to_image, started_at, finished_at, result, commit_time)
                        values ('payments-ledger', :env, 'test', 'payments', 'payments-ledger', :kind, 'UALICE',
                            'ledger:1', :to, :started, :finished, :result, :commit)""")
                .setParameter("env", environment).setParameter("kind", kind)
                .setParameter("to", "SCALE".equals(kind) ? "ledger:1" : "ledger:" + startedAt.getEpochSecond())
                .setParameter("started", OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC))
                .setParameter("finished", OffsetDateTime.ofInstant(startedAt.plus(Duration.ofMinutes(10)), ZoneOffset.UTC))
                .setParameter("result", result)
                .setParameter("commit", commitTime == null ? null : OffsetDateTime.ofInstant(commitTime, ZoneOffset.UTC))
                .executeUpdate();
    }

    private static Instant days(int ago) {
        return NOW.minus(Duration.ofDays(ago));
    }

    private static String command(String text) {
        return RestAssured.given().contentType("application/json")
                .body("{\"user\":\"alice\",\"channel\":\"payments\",\"text\":\"" + text + "\"}")
                .post("/sandbox/command").then().statusCode(200).extract().asString();
    }
}
