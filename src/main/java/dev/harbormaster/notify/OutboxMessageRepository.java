package dev.harbormaster.notify;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The outbox tables. Inserting and claiming are native SQL: {@code ON CONFLICT} and
 * {@code FOR UPDATE SKIP LOCKED} have no JPQL form.
 */
@ApplicationScoped
public class OutboxMessageRepository implements PanacheRepository<OutboxMessage> {

    /**
     * The oldest due messages that head their channels' queues (so at most one per channel), locked for this
     * transaction. Only heads are candidates, so a channel whose head another worker holds (skipped as locked) or that
     * is paced or backing off sends nothing, which keeps each channel in order.
     *
     * <p>The heads are found channel by channel: a recursive walk of {@code outbox_message_pending_by_channel} that
     * takes the first pending id of each channel and then jumps to the next channel, one index probe per channel with
     * anything pending, however deep each channel's backlog. The earlier claim walked every pending row in id order and
     * checked each against its channel's earlier rows; claiming several heads at once made it walk the whole backlog
     * whenever fewer were due than asked for, and with 10,000 pending over 500 channels one claim averaged 624 ms of
     * PostgreSQL's CPU (pg_stat_statements) and was the delivery's limit. {@code m.status} is checked again outside the
     * walk: a head another worker sent and committed while this claim ran is re-read when locked and then left out.
     *
     * <p>Locking the head is not enough to keep one message per channel in flight. Ids come from a sequence when a
     * message is queued, and transactions commit in any order: a message queued in a transaction that commits late
     * becomes its channel's head while a worker is still sending the later one, which that worker claimed as the head
     * it saw. So each claimed head also takes its channel's transaction-scoped advisory lock, tried without waiting,
     * and a channel another worker holds is left for a later claim. (The two-key form, with {@link #CHANNEL_LOCK_CLASS}
     * first, keeps these apart from the single-key locks of the catalog import, the broker and the alerts.)
     */
    private static final String CLAIM = """
            WITH RECURSIVE head AS (
                (SELECT channel, id FROM outbox_message WHERE status = 'PENDING' ORDER BY channel, id LIMIT 1)
                UNION ALL
                SELECT next.channel, next.id FROM head,
                    LATERAL (SELECT channel, id FROM outbox_message
                             WHERE status = 'PENDING' AND channel > head.channel
                             ORDER BY channel, id LIMIT 1) next
            )
            , claimed AS (
                SELECT m.id, m.channel FROM head
                JOIN outbox_message m ON m.id = head.id
                LEFT JOIN outbox_channel_pace p ON p.channel = head.channel
                WHERE m.status = 'PENDING'
                  AND m.next_attempt_at <= clock_timestamp()
                  AND (p.next_send_at IS NULL OR p.next_send_at <= clock_timestamp())
                ORDER BY m.id
                LIMIT ?1
                FOR UPDATE OF m SKIP LOCKED
            )
            SELECT id FROM claimed
            WHERE pg_try_advisory_xact_lock(?2, hashtext(channel))
            ORDER BY id""";

    /** The first key of the channels' advisory locks ("ob" in ASCII): a class of locks of its own. */
    static final int CHANNEL_LOCK_CLASS = 0x6f62;

    /**
     * Run before {@link #CLAIM} in the same transaction (set_config's third argument: until it ends). Statistics from a
     * quiet outbox say almost nothing is pending, and after a burst (until autoanalyze catches up, a minute or more) the
     * planner picked bitmap scans of every pending row where an index probe was meant (an earlier form of the claim took
     * 13.8 s with 9,600 pending, against 0.3 ms as planned). Without bitmap scans each step of the walk stays one probe,
     * whatever the statistics say.
     */
    private static final String CLAIM_BY_INDEX_WALK = """
            SELECT set_config('enable_bitmapscan', 'off', true)""";

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

    /** Claims the heads of up to {@code limit} channels, oldest first (see {@link #CLAIM}). */
    List<OutboxMessage> claimHeads(int limit) {
        getEntityManager().createNativeQuery(CLAIM_BY_INDEX_WALK).getResultList();
        @SuppressWarnings("unchecked")
        List<Number> ids = getEntityManager().createNativeQuery(CLAIM).setParameter(1, limit)
                .setParameter(2, CHANNEL_LOCK_CLASS).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return list("id in ?1 order by id", ids.stream().map(Number::longValue).toList());
    }

    /** The POST that named itself {@code key}, whose ts later messages edit or reply under. */
    Optional<OutboxMessage> postedUnder(String key) {
        return find("kind = ?1 and messageKey = ?2", OutboundMessage.Kind.POST, key).firstResultOptional();
    }

    /**
     * Marks that posts of messages {@code ids} are about to reach Slack, committed at once in a transaction of its own
     * (see V24): the marks outlive a replica killed before the claim's transaction commits.
     */
    void markPostAttempts(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> getEntityManager().createNativeQuery(
                        "INSERT INTO outbox_post_attempt (outbox_id) SELECT id FROM unnest(?1) AS id ON CONFLICT (outbox_id) DO NOTHING")
                .setParameter(1, ids.toArray(Long[]::new)).executeUpdate());
    }

    /** Which of {@code ids} an earlier attempt may have posted to Slack without the outcome being recorded. */
    Set<Long> postAttempted(List<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> marked = getEntityManager().createNativeQuery(
                "SELECT outbox_id FROM outbox_post_attempt WHERE outbox_id = ANY(?1)")
                .setParameter(1, ids.toArray(Long[]::new)).getResultList();
        return marked.stream().map(Number::longValue).collect(Collectors.toSet());
    }

    /** The messages are finished (sent or failed), refused by Slack, or were never sent: their attempt marks have served. */
    void forgetPostAttempts(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        getEntityManager().createNativeQuery("DELETE FROM outbox_post_attempt WHERE outbox_id = ANY(?1)")
                .setParameter(1, ids.toArray(Long[]::new)).executeUpdate();
    }

    /** No message goes to each channel before its instant (each channel named once). */
    void paceChannels(Map<String, Instant> next) {
        if (next.isEmpty()) {
            return;
        }
        getEntityManager().createNativeQuery("""
                        INSERT INTO outbox_channel_pace (channel, next_send_at)
                        SELECT * FROM unnest(?1, cast(?2 AS timestamptz[]))
                        ON CONFLICT (channel) DO UPDATE SET next_send_at = EXCLUDED.next_send_at""")
                .setParameter(1, next.keySet().toArray(String[]::new))
                // ISO-8601 instants ("…Z"), read by PostgreSQL whatever the session's time zone
                .setParameter(2, next.values().stream().map(Instant::toString).toArray(String[]::new))
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
