package dev.harbormaster.audit;

import dev.harbormaster.notify.Outbox;
import dev.harbormaster.slack.SlackConnection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoints of the audit chain's head, signed with a key derived from the audit key: made every hour by
 * {@link AuditCheckpointJob} and on demand by {@code audit checkpoint}, posted to the audit channel (through the
 * outbox, with the checkpoint in the message metadata), written to the log at INFO and kept in the database.
 * Each new checkpoint is checked against the previous one first: the entries since must all be there, keyed and
 * linked, or the message and the log say the log was tampered with.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);
    /** Copies read from the database at most, newest first. */
    static final int STORED_READ = 1000;
    static final String SCHEDULE = "schedule";

    @Inject
    AuditEntryRepository entries;
    @Inject
    StoredCheckpointRepository stored;
    @Inject
    AuditKey key;
    @Inject
    AuditSettings settings;
    @Inject
    AuditCheckpointChannel channel;
    @Inject
    Outbox outbox;
    @Inject
    SlackConnection connection;

    /**
     * The checkpoints that could be read and whose signature is valid.
     *
     * @param channel        the audit channel, as configured
     * @param valid          from the channel (newest first), then the database's copies (newest first)
     * @param invalid        checkpoints whose signature or shape is wrong, ignored
     * @param channelProblem why the channel could not be read, as Slack said it
     */
    public record Known(String channel, List<AuditCheckpoint> valid, int invalid, Optional<String> channelProblem) {

        public Known {
            valid = List.copyOf(valid);
        }

        /** The newest checkpoint from {@code source}: the one that recorded the most entries, then the latest. */
        public Optional<AuditCheckpoint> newest(AuditCheckpoint.Source source) {
            return valid.stream().filter(c -> c.source() == source).max(Comparator
                    .comparingLong((AuditCheckpoint c) -> c.head().lastId()).thenComparing(c -> c.head().at()));
        }
    }

    /**
     * @param previous the checkpoint before, if any
     * @param since    the entries from the previous checkpoint's last to this one's, checked: intact when this
     *                 checkpoint extends the previous one
     */
    public record Made(AuditCheckpoint checkpoint, String madeBy, Optional<AuditCheckpoint> previous, ChainVerification since) {

        public boolean extendsPrevious() {
            return since.intact();
        }
    }

    /** A checkpoint now, asked for by {@code userId}. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Made make(String userId) {
        return make(userId, null).orElseThrow();
    }

    /**
     * The checkpoint of the job's fire at {@code period}: made once however many replicas run that fire (a unique
     * key on the period); empty when another already made it.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<Made> makeScheduled(Instant period) {
        return make(SCHEDULE, period.truncatedTo(ChronoUnit.SECONDS));
    }

    private Optional<Made> make(String madeBy, Instant period) {
        Optional<AuditEntryRepository.Head> head = entries.head();
        long lastId = head.map(h -> h.last().content().id()).orElse(0L);
        AuditCheckpoint.Head signed = new AuditCheckpoint.Head(lastId, head.map(AuditEntryRepository.Head::entries).orElse(0L),
                head.map(h -> h.last().hash()).orElse(AuditChain.GENESIS), entries.databaseNow(), key.id());
        AuditCheckpoint checkpoint = new AuditCheckpoint(signed, key.sign(signed), AuditCheckpoint.Source.DATABASE);
        Optional<AuditCheckpoint> previous = stored.newest(STORED_READ).stream().filter(key::signed).findFirst();
        // With no previous checkpoint, only the head entry itself is checked.
        AuditCheckpoint from = previous.orElse(checkpoint);
        ChainWalk walk = ChainWalk.after(key::authentic, from);
        entries.walk(Math.max(1, from.head().lastId()), lastId, walk::visit);
        ChainVerification since = walk.finish(new Known(settings.channel(), List.of(from), 0, Optional.empty()));

        Optional<Long> row = stored.insert(checkpoint, madeBy, period);
        if (row.isEmpty()) {
            LOG.debugf("The audit checkpoint of %s was already made by another replica", period);
            return Optional.empty();
        }
        Made made = new Made(checkpoint, madeBy, previous, since);
        outbox.enqueue(AuditCheckpointMessage.post(settings.channel(), made, "audit-checkpoint:" + row.get(),
                connection.slashCommand()));
        LOG.infof("Audit checkpoint: entry #%d (%d entries), head %s, at %s, key %s, signature %s, by %s",
                signed.lastId(), signed.entries(), signed.lastHash(), signed.at(), signed.keyId(), checkpoint.signature(), madeBy);
        if (!made.extendsPrevious()) {
            LOG.errorf("The audit log does not extend its previous checkpoint (entry #%d at %s): %d problem(s) since;"
                            + " run audit verify", from.head().lastId(), from.head().at(), since.problemCount());
        }
        return Optional.of(made);
    }

    /**
     * Every checkpoint that can be read, signature checked: the audit channel's (read first, outside any
     * transaction, since it calls Slack), then the database's copies.
     */
    public Known known() {
        AuditCheckpointChannel.Read read = channel.read();
        List<AuditCheckpoint> copies = QuarkusTransaction.joiningExisting().call(() -> stored.newest(STORED_READ));
        List<AuditCheckpoint> valid = new ArrayList<>();
        int invalid = read.malformed();
        for (AuditCheckpoint checkpoint : read.checkpoints()) {
            if (key.signed(checkpoint)) {
                valid.add(checkpoint);
            } else {
                invalid++;
            }
        }
        for (AuditCheckpoint checkpoint : copies) {
            if (key.signed(checkpoint)) {
                valid.add(checkpoint);
            } else {
                invalid++;
            }
        }
        return new Known(settings.channel(), valid, invalid, read.problem());
    }
}
