package dev.harbormaster.alert;

import dev.harbormaster.notify.AfterCommit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Notifications as received, waiting to be turned into records and messages. One row per distinct notification:
 * the same group key, status, fingerprints and times from the second Alertmanager of a pair (or a retry) is the
 * same row, so it changes the message once.
 */
@ApplicationScoped
public class AlertInbox {

    static final int MAX_FAILURES = 3;

    @Inject
    EntityManager entityManager;
    @Inject
    Alertmanagers alertmanagers;
    @Inject
    AlertWorkers workers;
    @Inject
    AfterCommit afterCommit;

    /** A stored notification not processed yet. */
    public record Pending(long id, String payload, String alertmanager) {
    }

    /** Stores it unless the same notification is stored already; true when it is new. */
    public boolean store(AlertNotification notification, String payload) {
        String sender = alertmanagers.nameOf(notification.externalUrl()).orElse(null);
        return QuarkusTransaction.requiringNew().call(() -> {
            int inserted = entityManager.createNativeQuery("insert into alert_notification (dedupe_key, group_key, alertmanager, payload) "
                            + "values (?1, ?2, ?3, ?4) on conflict (dedupe_key) do nothing")
                    .setParameter(1, dedupeKey(notification)).setParameter(2, notification.groupKey())
                    .setParameter(3, sender).setParameter(4, payload).executeUpdate();
            if (inserted == 1) {
                afterCommit.run(workers::wake);
            }
            return inserted == 1;
        });
    }

    /** The oldest notification nobody is processing, locked until the caller's transaction ends. */
    Optional<Pending> claimNext() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select id, payload, alertmanager from alert_notification "
                + "where processed_at is null order by id limit 1 for update skip locked").getResultList();
        return rows.stream().findFirst().map(r -> new Pending(((Number) r[0]).longValue(), (String) r[1], (String) r[2]));
    }

    void processed(long id) {
        entityManager.createNativeQuery("update alert_notification set processed_at = now() where id = ?1")
                .setParameter(1, id).executeUpdate();
    }

    /**
     * Counts a failed attempt at the oldest waiting notification, which is the one that just failed on this
     * replica's single worker; the third failure sets it aside.
     */
    void failed() {
        entityManager.createNativeQuery("update alert_notification set failures = failures + 1, processed_at = "
                + "case when failures + 1 >= " + MAX_FAILURES + " then now() end where id = (select id from alert_notification "
                + "where processed_at is null order by id limit 1 for update skip locked)").executeUpdate();
    }

    /** Forgets processed notifications received longer ago than {@code age}; returns how many. */
    int deleteProcessedBefore(java.time.Duration age) {
        return entityManager.createNativeQuery("delete from alert_notification where processed_at is not null "
                + "and received_at < now() - make_interval(secs => ?1)").setParameter(1, (double) age.toSeconds()).executeUpdate();
    }

    /** What makes two notifications the same: group key, status, and each alert's fingerprint, status and times. */
    static String dedupeKey(AlertNotification notification) {
        StringBuilder text = new StringBuilder(notification.groupKey()).append('\n').append(notification.status());
        notification.alerts().stream()
                .sorted(Comparator.comparing(AlertNotification.Alert::fingerprint).thenComparing(AlertNotification.Alert::startsAt))
                .forEach(alert -> text.append('\n').append(alert.fingerprint()).append(' ').append(alert.status())
                        .append(' ').append(alert.startsAt()).append(' ').append(alert.endsAt().map(Object::toString).orElse("-")));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
