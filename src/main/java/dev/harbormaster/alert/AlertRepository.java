package dev.harbormaster.alert;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Alert groups, and the alerts and storms that belong to them. */
@ApplicationScoped
public class AlertRepository implements PanacheRepository<AlertGroup> {

    public Optional<AlertGroup> byGroupKey(String groupKey) {
        return find("groupKey", groupKey).firstResultOptional();
    }

    public Optional<AlertGroup> lockGroup(long id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** How many groups began in this channel (one team's, or the platform's) since {@code since}: the storm's measure. */
    public long newGroupsSince(String channel, Instant since) {
        return count("channel = ?1 and createdAt >= ?2", channel, since);
    }

    public List<AlertGroup> firing(int limit) {
        return find("status = ?1 order by firstFiredAt desc", AlertGroup.FIRING).page(0, limit).list();
    }

    public List<AlertGroup> firingFor(String service, String team, int limit) {
        return find("status = ?1 and (service = ?2 or team = ?3) order by firstFiredAt desc", AlertGroup.FIRING, service, team)
                .page(0, limit).list();
    }

    public long countFiringFor(String service, String team) {
        return count("status = ?1 and (service = ?2 or team = ?3)", AlertGroup.FIRING, service, team);
    }

    public List<AlertGroup> inStorm(long stormId, int limit) {
        return find("stormId = ?1 order by id", stormId).page(0, limit).list();
    }

    public long countInStorm(long stormId) {
        return count("stormId", stormId);
    }

    public long countFiringInStorm(long stormId) {
        return count("stormId = ?1 and status = ?2", stormId, AlertGroup.FIRING);
    }

    public Optional<AlertGroup> bySilenceId(String silenceId) {
        return find("silenceId", silenceId).firstResultOptional();
    }

    // ---- alerts -----------------------------------------------------------------------------------------

    public Optional<AlertRecord> alert(String fingerprint, Instant startsAt) {
        return getEntityManager().createQuery("select a from AlertRecord a where a.fingerprint = ?1 and a.startsAt = ?2",
                AlertRecord.class).setParameter(1, fingerprint).setParameter(2, startsAt).getResultStream().findFirst();
    }

    public void persistAlert(AlertRecord alert) {
        getEntityManager().persist(alert);
    }

    /** Acknowledges the group's alerts that nobody acknowledged yet, for time-to-acknowledge. */
    public void acknowledgeAlerts(long groupId, String userId, Instant at) {
        getEntityManager().createQuery("update AlertRecord a set a.acknowledgedBy = ?1, a.acknowledgedAt = ?2 "
                        + "where a.groupId = ?3 and a.acknowledgedBy is null")
                .setParameter(1, userId).setParameter(2, at).setParameter(3, groupId).executeUpdate();
    }

    // ---- storms -----------------------------------------------------------------------------------------

    /** The channel's storm still going on: one that had a new group since {@code since}. */
    public Optional<AlertStorm> activeStorm(String channel, Instant since) {
        return getEntityManager().createQuery("select s from AlertStorm s where s.channel = ?1 and s.lastGroupAt >= ?2 "
                        + "order by s.id desc", AlertStorm.class)
                .setParameter(1, channel).setParameter(2, since).setMaxResults(1).getResultStream().findFirst();
    }

    public AlertStorm storm(long id) {
        return getEntityManager().find(AlertStorm.class, id);
    }

    public void persistStorm(AlertStorm storm) {
        getEntityManager().persist(storm);
        getEntityManager().flush();
    }

    /** Storms whose summary changed and whose last edit was queued before {@code before}. */
    public List<AlertStorm> stormsToEdit(Instant before) {
        return getEntityManager().createQuery("select s from AlertStorm s where s.dirty = true and s.editQueuedAt < ?1",
                AlertStorm.class).setParameter(1, before).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2).getResultList();
    }
}
