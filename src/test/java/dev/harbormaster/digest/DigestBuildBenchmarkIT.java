package dev.harbormaster.digest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Measures, not asserts: every team's digest built (cost, SLOs, DORA; nothing posted) over 1,000 teams × 10 services ×
 * 100 days of cost (1 M rows in cost_daily), and, separately, drawing their charts. Run with
 * {@code mvn -B verify -Pbenchmark -Dit.test=DigestBuildBenchmarkIT}; results go to target/benchmarks/digest-build.txt.
 */
@QuarkusTest
@Tag("benchmark")
class DigestBuildBenchmarkIT {

    private static final int TEAMS = Integer.getInteger("benchmark.teams", 1000);
    private static final int SERVICES_PER_TEAM = 10;
    private static final int DAYS = 100;

    @Inject
    EntityManager entities;
    @Inject
    Digests digests;
    @Inject
    dev.harbormaster.cost.CostReports costs;
    @Inject
    dev.harbormaster.dora.DoraReports dora;
    @Inject
    dev.harbormaster.catalog.Catalog catalog;

    @Test
    void everyTeamsDigestBuilt() throws Exception {
        LocalDate today = LocalDate.now();
        Instant seeding = Instant.now();
        QuarkusTransaction.requiringNew().timeout(600).run(() -> {
            entities.createNativeQuery("""
                    insert into catalog_team (name, members, source)
                    select 'bench-team-' || t, '[]'::jsonb, 'benchmark' from generate_series(1, :teams) t""")
                    .setParameter("teams", TEAMS).executeUpdate();
            entities.createNativeQuery("""
                    insert into catalog_service (name, owner, owner_team, tier, source_ref)
                    select 'bench-svc-' || t || '-' || s, 'group:default/bench-team-' || t, 'bench-team-' || t, 2, 'benchmark'
                    from generate_series(1, :teams) t, generate_series(1, :services) s""")
                    .setParameter("teams", TEAMS).setParameter("services", SERVICES_PER_TEAM).executeUpdate();
            entities.createNativeQuery("""
                    insert into cost_daily (day, service, source, currency, effective_cost, billed_cost)
                    select cast(:today as date) - d, 'bench-svc-' || t || '-' || s, 'focus:benchmark.csv', 'USD',
                           round((10 + s + (d % 7))::numeric, 2), round((11 + s)::numeric, 2)
                    from generate_series(1, :teams) t, generate_series(1, :services) s, generate_series(1, :days) d""")
                    .setParameter("today", today).setParameter("teams", TEAMS).setParameter("services", SERVICES_PER_TEAM)
                    .setParameter("days", DAYS).executeUpdate();
            entities.createNativeQuery("analyze cost_daily").executeUpdate();
        });
        Duration seeded = Duration.between(seeding, Instant.now());
        List<String> teams = new ArrayList<>();
        for (int t = 1; t <= TEAMS; t++) {
            teams.add("bench-team-" + t);
        }
        buildAll(teams.subList(0, Math.min(20, TEAMS)), false, new ArrayList<>()); // warm-up: JIT, pool, statement cache

        List<Long> perTeam = Collections.synchronizedList(new ArrayList<>());
        Instant begin = Instant.now();
        int built = buildAll(teams, false, perTeam);
        Duration allTeams = Duration.between(begin, Instant.now());
        assertEquals(TEAMS, built);

        List<String> charted = teams.subList(0, Math.min(100, TEAMS));
        Instant chartsBegin = Instant.now();
        buildAll(charted, true, new ArrayList<>());
        Duration charts = Duration.between(chartsBegin, Instant.now());

        // Where a team's time goes, over the first 200 teams: each part alone.
        List<String> sample = teams.subList(0, Math.min(200, TEAMS));
        LocalDate to = LocalDate.now();
        long costNanos = timed(sample, team -> costs.forTeam(team, to.minusDays(7), to));
        long doraNanos = timed(sample, team -> dora.forServices(catalog.ownedBy(team).stream().map(s -> s.name).toList(),
                Instant.now(), Duration.ofDays(30)));
        long catalogNanos = timed(sample, team -> catalog.ownedBy(team));

        Collections.sort(perTeam);
        String report = String.format("""
                        seeded %d teams × %d services × %d days = %,d cost rows in %d ms
                        every team's digest built (cost, SLOs, DORA; nothing posted): %d ms for %d teams (%.1f ms a team; p50 %.1f ms, p99 %.1f ms)
                        with the chart drawn as well (PNG, JFreeChart), %d teams: %d ms (%.1f ms a team)
                        parts alone, a team: cost %.1f ms, DORA (with its services) %.1f ms, the team's services from the catalog %.1f ms
                        """, TEAMS, SERVICES_PER_TEAM, DAYS, (long) TEAMS * SERVICES_PER_TEAM * DAYS, seeded.toMillis(),
                allTeams.toMillis(), TEAMS, allTeams.toMillis() / (double) TEAMS, perTeam.get(perTeam.size() / 2) / 1e6,
                perTeam.get(perTeam.size() * 99 / 100) / 1e6, charted.size(), charts.toMillis(), charts.toMillis() / (double) charted.size(),
                costNanos / 1e6 / sample.size(), doraNanos / 1e6 / sample.size(), catalogNanos / 1e6 / sample.size());
        System.out.println(report);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("digest-build.txt"), report);
    }

    private static long timed(List<String> teams, java.util.function.Consumer<String> part) {
        long start = System.nanoTime();
        for (String team : teams) {
            QuarkusTransaction.requiringNew().run(() -> part.accept(team));
        }
        return System.nanoTime() - start;
    }

    /** Builds each team's digest as the scheduled job would, one after the other; returns how many had cost. */
    private int buildAll(List<String> teams, boolean withChart, List<Long> perTeam) {
        LocalDate to = LocalDate.now();
        LocalDate from = to.minusDays(7);
        int withCost = 0;
        for (String team : teams) {
            long start = System.nanoTime();
            DigestContent content = QuarkusTransaction.requiringNew().call(() -> digests.build(team, from, to, Instant.now(), false));
            if (withChart) {
                CostChart.png("Daily cost", content.cost().currency(), content.cost().dailyByService());
            }
            perTeam.add(System.nanoTime() - start);
            if (content.cost() != null && content.cost().total().signum() > 0) {
                withCost++;
            }
        }
        return withCost;
    }
}
