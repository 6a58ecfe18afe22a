package dev.harbormaster.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditChainTest {

    private static final Instant AT = Instant.parse("2026-11-24T10:15:30.123456Z");

    private static AuditChain.Content content(String details) {
        return new AuditChain.Content(17, AT, "UALICE", "approval.voted", "approval:42", details);
    }

    @Test
    void detailsHashTheSameWhateverTheirKeyOrderSpacingOrNumberSpelling() {
        String hash = AuditChain.hash(AuditChain.GENESIS, content("{\"vote\": \"approve\", \"count\": 2, \"ratio\": 0.50}"));
        assertEquals(hash, AuditChain.hash(AuditChain.GENESIS, content("{\"ratio\":0.50,\"count\":2,\"vote\":\"approve\"}")));
        assertEquals(hash, AuditChain.hash(AuditChain.GENESIS, content("{\"count\": 2, \"ratio\": 0.50, \"vote\": \"approve\"}")));
    }

    @Test
    void anyChangeToTheContentOrTheLinkChangesTheHash() {
        String details = "{\"vote\": \"approve\"}";
        String hash = AuditChain.hash(AuditChain.GENESIS, content(details));
        assertNotEquals(hash, AuditChain.hash(AuditChain.GENESIS, content("{\"vote\": \"reject\"}")));
        assertNotEquals(hash, AuditChain.hash(AuditChain.GENESIS,
                new AuditChain.Content(17, AT, "UBOB", "approval.voted", "approval:42", details)));
        assertNotEquals(hash, AuditChain.hash(AuditChain.GENESIS,
                new AuditChain.Content(17, AT.plusNanos(1000), "UALICE", "approval.voted", "approval:42", details)));
        assertNotEquals(hash, AuditChain.hash(AuditChain.GENESIS,
                new AuditChain.Content(18, AT, "UALICE", "approval.voted", "approval:42", details)));
        assertNotEquals(hash, AuditChain.hash("1".repeat(64), content(details)));
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
    }

    @Test
    void timesAreHashedAtTheMicrosecondsPostgresqlKeeps() {
        assertEquals("2026-11-24T10:15:30.123456Z", AuditChain.timestamp(AT.plusNanos(999)));
        assertEquals("2026-11-24T10:15:30.000000Z", AuditChain.timestamp(Instant.parse("2026-11-24T10:15:30Z")));
    }
}
