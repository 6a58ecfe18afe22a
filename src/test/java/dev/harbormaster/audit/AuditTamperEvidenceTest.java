package dev.harbormaster.audit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.harbormaster.audit.AuditSandbox.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rewriting the audit table as someone who can write it but does not hold the audit key, on real PostgreSQL,
 * then {@code /platform audit verify} typed in the sandbox: each rewrite is named, every entry of it, and the
 * chain is intact again once the table is put back.
 */
@QuarkusTest
class AuditTamperEvidenceTest {

    private static final Pattern CHECKPOINTED = Pattern.compile("up to entry #(\\d+)");

    @Inject
    AuditTrail auditTrail;
    @Inject
    AuditKey key;
    @Inject
    DataSource dataSource;

    @BeforeEach
    void resetSandbox() {
        AuditSandbox.reset();
    }

    /** Records {@code count} votes about a service of the test's own and returns their ids, oldest first. */
    private List<Long> record(int count) {
        String service = "tamper-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < count; i++) {
            auditTrail.record("UBOB", "approval.voted", AuditTrail.serviceTarget(service), Map.of("vote", "approve", "n", i));
        }
        return auditTrail.latestConcerning(service, count).stream().map(AuditEntry::id).sorted().toList();
    }

    private static String verify() {
        return answer("alice", "payments", "audit verify");
    }

    @Test
    void aForgedVoteInsertedWithACorrectlyComputedPlainHashIsNamed() throws SQLException {
        long last = record(2).get(1);
        AtomicLong forgedId = new AtomicLong();
        try (AuditTampering ignored = AuditTampering.rewrite(dataSource, last, (connection, rows) -> {
            AuditTampering.Row head = rows.get(rows.size() - 1);
            AuditTampering.Row forged = new AuditTampering.Row(head.id() + 1,
                    OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), "UBOB", "approval.voted",
                    "approval:9999", "{\"vote\": \"approve\"}", head.hash(), null).rehashed(head.hash());
            assertEquals(AuditChain.hash(head.hash(), forged.content()), forged.hash(), "the hash today's chain expects");
            forgedId.set(forged.id());
            AuditTampering.insert(connection, List.of(forged));
        })) {
            String shown = verify();
            assertTrue(shown.startsWith(":rotating_light: The audit log was tampered with: entry #" + forgedId.get()
                    + " was not written by Harbormaster: its hash is a plain SHA-256, not keyed with the audit key, so"
                    + " someone without the key inserted, renumbered or re-hashed it. Entries #1 to #" + (forgedId.get() - 1)
                    + " before it are intact."), shown);
        }
        assertTrue(verify().startsWith(":white_check_mark:"));
    }

    @Test
    void aSuperuserWhoDeletesAnEntryRenumbersTheRestAndReHashesThemIsCaughtOnEveryRewrittenEntry() throws SQLException {
        long deleted = record(4).get(0);
        AtomicLong lastRewritten = new AtomicLong();
        try (AuditTampering ignored = AuditTampering.rewrite(dataSource, deleted, (connection, rows) -> {
            AuditTampering.delete(connection, rows.stream().mapToLong(AuditTampering.Row::id).toArray());
            List<AuditTampering.Row> renumbered = new ArrayList<>();
            String prev = rows.get(0).prevHash();
            for (AuditTampering.Row row : rows.subList(1, rows.size())) {
                AuditTampering.Row moved = row.renumbered(row.id() - 1).rehashed(prev);
                renumbered.add(moved);
                prev = moved.hash();
            }
            lastRewritten.set(renumbered.get(renumbered.size() - 1).id());
            AuditTampering.insert(connection, renumbered);
        })) {
            String shown = verify();
            assertTrue(shown.startsWith(":rotating_light: The audit log was tampered with: entries #" + deleted + " to #"
                    + lastRewritten.get() + " were not written by Harbormaster: their hashes are plain SHA-256, not keyed"
                    + " with the audit key, so someone without the key inserted, renumbered or re-hashed them."), shown);
        }
        assertTrue(verify().startsWith(":white_check_mark:"));
    }

    @Test
    void deletingSeveralEntriesNamesEveryOneNotOnlyTheFirst() throws SQLException {
        List<Long> ids = record(6);
        try (AuditTampering ignored = AuditTampering.rewrite(dataSource, ids.get(1),
                (connection, rows) -> AuditTampering.delete(connection, ids.get(1), ids.get(3), ids.get(4)))) {
            String shown = verify();
            assertTrue(shown.startsWith(":rotating_light: The audit log was tampered with: 2 problems, listed below."
                    + " Entries #1 to #" + ids.get(0) + " before the first are intact."), shown);
            assertTrue(shown.contains("• entry #" + ids.get(1) + " was deleted: the chain jumps from #" + ids.get(0)
                    + " to #" + ids.get(2) + "."), shown);
            assertTrue(shown.contains("• entries #" + ids.get(3) + " to #" + ids.get(4) + " were deleted: the chain jumps"
                    + " from #" + ids.get(2) + " to #" + ids.get(5) + "."), shown);
        }
        assertTrue(verify().startsWith(":white_check_mark:"));
    }

    @Test
    void entriesCutOffTheEndAfterACheckpointAreNamedByTheChannelsCheckpointEvenWithTheDatabaseCopiesGone() throws SQLException {
        List<Long> ids = record(3);
        String made = answer("carol", "platform", "audit checkpoint");
        Matcher checkpointed = CHECKPOINTED.matcher(made);
        assertTrue(made.startsWith(":lock: Checkpoint made: the audit log up to entry #") && checkpointed.find(), made);
        long head = Long.parseLong(checkpointed.group(1));
        assertTrue(head >= ids.get(2), made);
        AuditSandbox.arrived("platform-audit", "Audit checkpoint: the audit log up to entry #" + head + " ");

        try (CheckpointCopies ignored = CheckpointCopies.deleted(dataSource);
             AuditTampering alsoIgnored = AuditTampering.rewrite(dataSource, ids.get(1), (connection, rows) ->
                     AuditTampering.delete(connection, rows.stream().mapToLong(AuditTampering.Row::id).toArray()))) {
            String shown = verify();
            assertTrue(shown.startsWith(":rotating_light: The audit log was tampered with: entries #" + ids.get(1) + " to #"
                    + head + " were removed from the end: the checkpoint of <!date^"), shown);
            assertTrue(shown.contains("recorded the log up to #" + head + ", and it now ends at #" + (ids.get(1) - 1) + "."), shown);
            assertTrue(shown.contains("the newest in #platform-audit is entry #" + head + " "), shown);
        }
        String intact = verify();
        assertTrue(intact.startsWith(":white_check_mark:"), intact);
    }

    @Test
    void thousandsOfDeletionsInALargeLogAreNamedWithinSlacksLimits() throws SQLException {
        long last = record(1).get(0);
        int written = 6_000;
        try (AuditTampering ignored = AuditTampering.rewrite(dataSource, last, (connection, rows) -> {
            AuditTampering.Row head = rows.get(rows.size() - 1);
            List<AuditTampering.Row> kept = new ArrayList<>();
            String prev = head.hash();
            OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            for (long id = head.id() + 1; id <= head.id() + written; id++) {
                AuditChain.Content content = new AuditChain.Content(id, at.toInstant(), "system", "approval.expired",
                        "approval:" + id, "{}");
                String hash = key.entryHash(prev, content);
                // every other entry of a large, genuine log deleted
                if ((id - head.id()) % 2 == 1) {
                    kept.add(new AuditTampering.Row(id, at, "system", "approval.expired", "approval:" + id, "{}", prev, hash));
                }
                prev = hash;
            }
            AuditTampering.insert(connection, kept);
        })) {
            String shown = verify();
            long deletions = written / 2 - 1;
            assertTrue(shown.startsWith(":rotating_light: The audit log was tampered with: " + deletions
                    + " problems, listed below."), shown.substring(0, 300));
            assertTrue(shown.contains("… and " + (deletions - AuditVerificationMessage.MAX_SHOWN) + " more."), shown);
            Map<String, Object> message = AuditSandbox.messages("payments").stream()
                    .filter(m -> String.valueOf(m.get("text")).startsWith(":rotating_light:"))
                    .max(Comparator.comparing(m -> String.valueOf(m.get("ts")))).orElseThrow();
            List<?> blocks = (List<?>) message.get("blocks");
            assertTrue(blocks.size() <= 50, "blocks: " + blocks.size());
            for (Object block : blocks) {
                Object text = ((Map<?, ?>) block).get("text");
                String section = text instanceof Map<?, ?> t ? String.valueOf(t.get("text")) : "";
                assertTrue(section.length() <= 3000, "a section of " + section.length() + " characters");
            }
        }
        assertTrue(verify().startsWith(":white_check_mark:"));
    }

    @Test
    void theKeyedChainStartsOnceWithTheKeysPublicIdNeverTheKey() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet adoption = statement.executeQuery(
                     "SELECT id, details->>'key_id', details::text FROM audit_entry WHERE action = 'audit.key_adopted'")) {
            assertTrue(adoption.next(), "no audit.key_adopted entry");
            assertEquals(key.id(), adoption.getString(2));
            assertFalse(adoption.getString(3).contains(dev.harbormaster.testing.EmbeddedPostgresResource.AUDIT_KEY));
            assertFalse(adoption.next(), "the key was adopted twice");
        }
    }
}
