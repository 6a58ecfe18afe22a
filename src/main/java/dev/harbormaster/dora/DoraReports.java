package dev.harbormaster.dora;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * DORA measures from Harbormaster's own records, production environments only (settings): deployment frequency and
 * change failure rate from {@code deployment_record} (deploys through Harbormaster, and image changes the watcher saw
 * made elsewhere); time to restore from tier-1 critical alerts (firing → resolved)
 * and from failed rollouts (failed → the next successful one); lead time for changes from deploys that named their
 * commit time ({@code deploy --commit-time}). Two queries per report, whatever the number of services.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DoraReports {

    /** A deploy rolled back within this long counts as a failed change. */
    static final Duration ROLLBACK_WINDOW = Duration.ofHours(24);

    @Inject
    EntityManager entities;
    @Inject
    DoraSettings settings;

    /** @param imageChanged the image changed (an EXTERNAL change seen by the watcher counts as a deploy only then) */
    record Change(String service, String environment, String kind, String result, Instant startedAt, Instant finishedAt,
                  Instant commitTime, boolean imageChanged) {
        Instant endedAt() {
            return finishedAt == null ? startedAt : finishedAt;
        }

        /** Through Harbormaster, or by CI, Argo CD or kubectl as the watcher saw it. */
        boolean isDeploy() {
            return "DEPLOY".equals(kind) || "EXTERNAL".equals(kind) && imageChanged;
        }

        boolean isRollout() {
            return isDeploy() || "ROLLBACK".equals(kind);
        }
    }

    /** The figures of one window and of the window before it, from one read of the records. */
    public record Trend(DoraFigures current, DoraFigures previous) {
    }

    public Trend forServices(Collection<String> services, Instant to, Duration window) {
        Instant from = to.minus(window);
        Instant before = from.minus(window);
        if (services.isEmpty()) {
            return new Trend(figures(List.of(), List.of(), from, to), figures(List.of(), List.of(), before, from));
        }
        List<Change> changes = changes(services, before, to);
        List<Outage> outages = alertOutages(services, before, to);
        return new Trend(figures(changes, within(outages, from, to), from, to),
                figures(changes, within(outages, before, from), before, from));
    }

    /** A tier-1 critical alert from firing to resolved. */
    record Outage(Instant resolvedAt, Duration lasted) {
    }

    private static List<Duration> within(List<Outage> outages, Instant from, Instant to) {
        return outages.stream().filter(o -> !o.resolvedAt.isBefore(from) && o.resolvedAt.isBefore(to))
                .map(Outage::lasted).toList();
    }

    static DoraFigures figures(List<Change> changes, List<Duration> alertOutages, Instant from, Instant to) {
        Map<String, List<Change>> byWorkload = new LinkedHashMap<>();
        for (Change change : changes) {
            byWorkload.computeIfAbsent(change.service + "/" + change.environment, k -> new ArrayList<>()).add(change);
        }
        int deploys = 0;
        int finished = 0;
        int failed = 0;
        List<Duration> restores = new ArrayList<>(alertOutages);
        List<Duration> leadTimes = new ArrayList<>();
        for (List<Change> history : byWorkload.values()) {
            for (int i = 0; i < history.size(); i++) {
                Change change = history.get(i);
                boolean inWindow = !change.startedAt.isBefore(from) && change.startedAt.isBefore(to);
                if (change.isDeploy() && inWindow) {
                    if ("SUCCEEDED".equals(change.result)) {
                        deploys++;
                        finished++;
                        if (rolledBackSoonAfter(history, i)) {
                            failed++;
                        }
                        if (change.commitTime != null && change.finishedAt != null) {
                            leadTimes.add(Duration.between(change.commitTime, change.finishedAt));
                        }
                    } else if ("FAILED".equals(change.result)) {
                        finished++;
                        failed++;
                    }
                }
                if (change.isRollout() && "FAILED".equals(change.result) && inWindow) {
                    nextSuccessfulRollout(history, i)
                            .ifPresent(next -> restores.add(Duration.between(change.endedAt(), next.endedAt())));
                }
            }
        }
        DoraFigures.Figure<Duration> restore = restores.isEmpty()
                ? DoraFigures.Figure.unknown("nothing to restore: no tier-1 critical alert resolved and no failed rollout recovered in the window")
                : DoraFigures.Figure.of(median(restores));
        DoraFigures.Figure<Duration> lead = leadTimes.isEmpty()
                ? DoraFigures.Figure.unknown(deploys == 0 ? "no production deploy in the window"
                : "no deploy in the window named its commit time (deploy --commit-time); image labels are not read")
                : DoraFigures.Figure.of(median(leadTimes));
        return new DoraFigures(from, to, deploys, finished, failed, restore, restores.size(), lead, leadTimes.size());
    }

    private static boolean rolledBackSoonAfter(List<Change> history, int deployIndex) {
        Change deploy = history.get(deployIndex);
        for (int j = deployIndex + 1; j < history.size(); j++) {
            Change later = history.get(j);
            if (later.startedAt.isAfter(deploy.startedAt.plus(ROLLBACK_WINDOW)) || later.isDeploy()) {
                return false;
            }
            if ("ROLLBACK".equals(later.kind)) {
                return true;
            }
        }
        return false;
    }

    private static java.util.Optional<Change> nextSuccessfulRollout(List<Change> history, int failedIndex) {
        for (int j = failedIndex + 1; j < history.size(); j++) {
            Change later = history.get(j);
            if (later.isRollout() && "SUCCEEDED".equals(later.result)) {
                return java.util.Optional.of(later);
            }
        }
        return java.util.Optional.empty();
    }

    static Duration median(List<Duration> values) {
        List<Duration> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    @SuppressWarnings("unchecked")
    private List<Change> changes(Collection<String> services, Instant from, Instant to) {
        // Rollbacks and recoveries up to a day after the window still judge the deploys inside it.
        List<Object[]> rows = entities.createNativeQuery("""
                        select service, environment, kind, result, started_at, finished_at, commit_time,
                               to_image is not null and to_image is distinct from from_image
                        from deployment_record
                        where service in (:services) and environment in (:environments)
                          and started_at >= :from and started_at < :until
                        order by service, environment, started_at, id""")
                .setParameter("services", services)
                .setParameter("environments", settings.productionEnvironments())
                .setParameter("from", OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
                .setParameter("until", OffsetDateTime.ofInstant(to.plus(ROLLBACK_WINDOW), java.time.ZoneOffset.UTC))
                .getResultList();
        List<Change> changes = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            changes.add(new Change((String) row[0], (String) row[1], (String) row[2], (String) row[3], instant(row[4]),
                    instant(row[5]), instant(row[6]), Boolean.TRUE.equals(row[7])));
        }
        return changes;
    }

    @SuppressWarnings("unchecked")
    private List<Outage> alertOutages(Collection<String> services, Instant from, Instant to) {
        List<Object[]> rows = entities.createNativeQuery("""
                        select a.starts_at, a.ends_at
                        from alert_record a join catalog_service s on s.name = a.service
                        where a.service in (:services) and s.tier = 1 and lower(a.severity) = 'critical'
                          and a.status = 'resolved' and a.ends_at >= :from and a.ends_at < :until""")
                .setParameter("services", services)
                .setParameter("from", OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
                .setParameter("until", OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC))
                .getResultList();
        return rows.stream().map(row -> new Outage(instant(row[1]), Duration.between(Objects.requireNonNull(instant(row[0])), instant(row[1]))))
                .filter(o -> !o.lasted.isNegative()).toList();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
