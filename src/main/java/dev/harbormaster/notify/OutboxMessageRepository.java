package dev.harbormaster.notify;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The outbox tables. Inserting and claiming are native SQL: {@code ON CONFLICT} and
 * {@code FOR UPDATE SKIP LOCKED} have no JPQL form.
 */
@ApplicationScoped
public class OutboxMessageRepository implements PanacheRepository<OutboxMessage> {

    /**
     * The oldest due message that heads its channel's queue, locked for this transaction. A channel
     * whose head another worker holds is skipped as a whole: its later messages are excluded because an
     * earlier one is still pending, which keeps each channel in order.
     */
    private static final String CLAIM = """
            SELECT m.id FROM outbox_message m
            LEFT JOIN outbox_channel_pace p ON p.channel = m.channel
            WHERE m.status = 'PENDING'
              AND m.next_attempt_at <= clock_timestamp()
              AND (p.next_send_at IS NULL OR p.next_send_at <= clock_timestamp())
              AND NOT EXISTS (SELECT 1 FROM outbox_message earlier
                              WHERE earlier.channel = m.channel AND earlier.status = 'PENDING' AND earlier.id < m.id)
            ORDER BY m.id
            LIMIT 1
            FOR UPDATE OF m SKIP LOCKED""";

    /**
     * Run before {@link #CLAIM} in the same transaction (set_config's third argument: until it ends). The claim is
     * only cheap as the index walk it was written for: the pending rows in id order, each checked against its channel's
     * earlier rows through {@code outbox_message_pending_by_channel}, stopping at the first that qualifies. Statistics
     * from a quiet outbox say almost nothing is pending, and after a burst (until autoanalyze catches up, a minute or
     * more) the planner then picked a bitmap scan of every pending row, an anti-join filtering every pair of them, and a
     * sort: measured 13.8 s for one claim with 9,600 pending, against 0.3 ms for the index walk. Without bitmap scans
     * and sorts only the index walk is left, whatever the statistics say.
     */
    private static final String CLAIM_BY_INDEX_WALK = """
            SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true)""";

    /** Inserts a pending row; false when a POST with the same key is already queued or sent. */
    boolean insertPending(OutboundMessage message) {
        int inserted = getEntityManager().createNativeQuery("""
                        INSERT INTO outbox_message (kind, channel, text, blocks_json, message_key, thread_key, metadata_json,
                                                    fallback_channel, reroute_notice_user, reroute_notice_text)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                        ON CONFLICT (message_key) WHERE kind = 'POST' AND message_key IS NOT NULL DO NOTHING""")
                .setParameter(1, message.kind().name())
                .setParameter(2, message.channel())
                .setParameter(3, message.text())
                .setParameter(4, message.blocksJson())
                .setParameter(5, message.key())
                .setParameter(6, message.threadKey())
                .setParameter(7, message.metadataJson())
                .setParameter(8, message.fallback() == null ? null : message.fallback().channel())
                .setParameter(9, message.fallback() == null ? null : message.fallback().noticeUser())
                .setParameter(10, message.fallback() == null ? null : message.fallback().noticeText())
                .executeUpdate();
        return inserted == 1;
    }

    Optional<OutboxMessage> claimNext() {
        getEntityManager().createNativeQuery(CLAIM_BY_INDEX_WALK).getResultList();
        @SuppressWarnings("unchecked")
        List<Number> ids = getEntityManager().createNativeQuery(CLAIM).getResultList();
        return ids.stream().findFirst().map(id -> getEntityManager().find(OutboxMessage.class, id.longValue()));
    }

    /** The POST that named itself {@code key}, whose ts later messages edit or reply under. */
    Optional<OutboxMessage> postedUnder(String key) {
        return find("kind = ?1 and messageKey = ?2", OutboundMessage.Kind.POST, key).firstResultOptional();
    }

    /**
     * Marks that a post of message {@code id} is about to reach Slack, committed at once in a transaction of its own
     * (see V24): it outlives a replica killed before the claim's transaction commits.
     */
    void markPostAttempt(long id) {
        QuarkusTransaction.requiringNew().run(() -> getEntityManager().createNativeQuery(
                        "INSERT INTO outbox_post_attempt (outbox_id) VALUES (?1) ON CONFLICT (outbox_id) DO NOTHING")
                .setParameter(1, id).executeUpdate());
    }

    /** True when an earlier attempt to post message {@code id} may have reached Slack without being recorded. */
    boolean postAttempted(long id) {
        return !getEntityManager().createNativeQuery("SELECT 1 FROM outbox_post_attempt WHERE outbox_id = ?1")
                .setParameter(1, id).getResultList().isEmpty();
    }

    /** The message is finished (sent or failed), or Slack refused it: its attempt mark has served. */
    void forgetPostAttempt(long id) {
        getEntityManager().createNativeQuery("DELETE FROM outbox_post_attempt WHERE outbox_id = ?1")
                .setParameter(1, id).executeUpdate();
    }

    /** No message goes to {@code channel} before {@code next}. */
    void paceChannel(String channel, Instant next) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO outbox_channel_pace (channel, next_send_at) VALUES (?1, ?2)
                        ON CONFLICT (channel) DO UPDATE SET next_send_at = EXCLUDED.next_send_at""")
                .setParameter(1, channel)
                .setParameter(2, next)
                .executeUpdate();
    }

    /** The database's clock, which every replica shares, rather than this JVM's. */
    Instant databaseNow() {
        Object now = getEntityManager().createNativeQuery("SELECT clock_timestamp()").getSingleResult();
        if (now instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (now instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return (Instant) now;
    }

    /** Deletes sent and failed rows queued before {@code cutoff}; returns how many. */
    long deleteFinishedBefore(Instant cutoff) {
        return delete("status <> ?1 and createdAt < ?2", OutboxMessage.Status.PENDING, cutoff);
    }

    long countPending() {
        return count("status", OutboxMessage.Status.PENDING);
    }
}
