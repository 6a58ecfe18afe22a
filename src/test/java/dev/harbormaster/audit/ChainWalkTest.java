package dev.harbormaster.audit;

import dev.harbormaster.audit.AuditEntryRepository.StoredEntry;
import dev.harbormaster.audit.ChainVerification.Break;
import dev.harbormaster.audit.ChainVerification.Kind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chain walk on its own: which breaks it names for which rewrites, with a key of its own. */
class ChainWalkTest {

    private static final byte[] KEY = "unit-test-entry-key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "somebody-elses-key".getBytes(StandardCharsets.UTF_8);
    private static final ChainWalk.Authenticity KEYED =
            (prev, content, hash) -> AuditChain.keyedHash(KEY, prev, content).equals(hash);
    private static final Instant AT = Instant.parse("2026-11-24T10:15:30.123456Z");

    private static AuditChain.Content content(long id) {
        return new AuditChain.Content(id, AT.plusSeconds(id), "UBOB", "approval.voted", "approval:" + id, "{\"n\": " + id + "}");
    }

    /** {@code legacy} entries with plain hashes, then {@code keyed} keyed ones, all linked. */
    private static List<StoredEntry> chain(int legacy, int keyed) {
        List<StoredEntry> entries = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (long id = 1; id <= legacy + keyed; id++) {
            String hash = id <= legacy ? AuditChain.hash(prev, content(id)) : AuditChain.keyedHash(KEY, prev, content(id));
            entries.add(new StoredEntry(content(id), prev, hash));
            prev = hash;
        }
        return entries;
    }

    private static ChainVerification walk(List<StoredEntry> entries, AuditCheckpoint... checkpoints) {
        ChainWalk walk = ChainWalk.fromStart(KEYED, List.of(checkpoints));
        entries.forEach(walk::visit);
        return walk.finish(new AuditCheckpoints.Known("platform-audit", List.of(checkpoints), 0, Optional.empty()));
    }

    private static AuditCheckpoint checkpointOf(List<StoredEntry> entries) {
        StoredEntry last = entries.get(entries.size() - 1);
        return new AuditCheckpoint(new AuditCheckpoint.Head(last.content().id(), entries.size(), last.hash(), AT, "0123456789abcdef"),
                "0".repeat(64), AuditCheckpoint.Source.CHANNEL);
    }

    private static List<StoredEntry> without(List<StoredEntry> entries, Predicate<StoredEntry> removed) {
        return entries.stream().filter(removed.negate()).toList();
    }

    @Test
    void aKeyedChainAfterLegacyEntriesIsIntactAndSaysWhereTheKeyStarts() {
        ChainVerification result = walk(chain(3, 4));
        assertEquals(List.of(), result.problems());
        assertEquals(4, result.keyedFrom());
        assertEquals(7, result.checked());
    }

    @Test
    void anEntryAppendedWithACorrectPlainHashIsNamedAsWrittenWithoutTheKey() {
        List<StoredEntry> entries = new ArrayList<>(chain(0, 5));
        StoredEntry last = entries.get(4);
        entries.add(new StoredEntry(content(6), last.hash(), AuditChain.hash(last.hash(), content(6))));
        assertEquals(List.of(new Break(Kind.UNKEYED, 6, 6)), walk(entries).problems());
    }

    @Test
    void anEntryHashedWithAnotherKeyIsAltered() {
        List<StoredEntry> entries = new ArrayList<>(chain(0, 5));
        StoredEntry fourth = entries.get(3);
        entries.set(3, new StoredEntry(fourth.content(), fourth.prevHash(), AuditChain.keyedHash(OTHER_KEY, fourth.prevHash(), fourth.content())));
        assertEquals(List.of(new Break(Kind.ALTERED, 4, 4)), walk(entries).problems());
    }

    @Test
    void deletingOneRenumberingAndReHashingTheRestNamesEveryRewrittenEntryAsOneRange() {
        List<StoredEntry> original = chain(0, 10);
        List<StoredEntry> rewritten = new ArrayList<>(original.subList(0, 4));
        String prev = original.get(3).hash();
        for (StoredEntry moved : original.subList(5, 10)) {
            AuditChain.Content renumbered = new AuditChain.Content(moved.content().id() - 1, moved.content().occurredAt(),
                    moved.content().actorId(), moved.content().action(), moved.content().target(), moved.content().detailsJson());
            String hash = AuditChain.hash(prev, renumbered);
            rewritten.add(new StoredEntry(renumbered, prev, hash));
            prev = hash;
        }
        assertEquals(List.of(new Break(Kind.UNKEYED, 5, 9)), walk(rewritten).problems());
        assertEquals(List.of(new Break(Kind.UNKEYED, 5, 9), new Break(Kind.TRUNCATED, 10, 10, checkpointOf(original))),
                walk(rewritten, checkpointOf(original)).problems());
    }

    @Test
    void everyDeletionIsNamedNotOnlyTheFirst() {
        List<StoredEntry> entries = without(chain(2, 10), e -> List.of(1L, 4L, 7L, 8L).contains(e.content().id()));
        assertEquals(List.of(new Break(Kind.MISSING, 1, 1), new Break(Kind.MISSING, 4, 4), new Break(Kind.MISSING, 7, 8)),
                walk(entries).problems());
    }

    @Test
    void legacyEntriesRewrittenConsistentlyBreakTheLinkOfTheFirstKeyedEntry() {
        List<StoredEntry> original = chain(4, 3);
        List<StoredEntry> rewritten = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (StoredEntry entry : original.subList(0, 4)) {
            AuditChain.Content edited = entry.content().id() == 2 ? new AuditChain.Content(2, AT, "UMALLORY", "approval.voted",
                    "approval:2", "{}") : entry.content();
            String hash = AuditChain.hash(prev, edited);
            rewritten.add(new StoredEntry(edited, prev, hash));
            prev = hash;
        }
        rewritten.addAll(original.subList(4, 7));
        ChainVerification result = walk(rewritten);
        assertEquals(List.of(new Break(Kind.LINK_BROKEN, 5, 5)), result.problems());
        assertEquals(5, result.keyedFrom());
    }

    @Test
    void anAuthenticEntryFromAnotherPlaceInTheChainBreaksTheLinksAroundIt() {
        List<StoredEntry> entries = new ArrayList<>(chain(0, 6));
        List<StoredEntry> otherHistory = new ArrayList<>();
        String prev = "1".repeat(64);
        for (long id = 1; id <= 6; id++) {
            String hash = AuditChain.keyedHash(KEY, prev, content(id));
            otherHistory.add(new StoredEntry(content(id), prev, hash));
            prev = hash;
        }
        entries.set(2, otherHistory.get(2));
        assertEquals(List.of(new Break(Kind.LINK_BROKEN, 3, 3), new Break(Kind.LINK_BROKEN, 4, 4)), walk(entries).problems());
    }

    @Test
    void entriesRemovedFromTheEndAfterACheckpointAreNamedAndReappendingDoesNotHideIt() {
        List<StoredEntry> original = chain(0, 8);
        AuditCheckpoint checkpoint = checkpointOf(original);
        List<StoredEntry> truncated = original.subList(0, 5);
        assertEquals(List.of(new Break(Kind.TRUNCATED, 6, 8, checkpoint)), walk(truncated, checkpoint).problems());

        List<StoredEntry> reappended = new ArrayList<>(truncated);
        String prev = truncated.get(4).hash();
        for (long id = 6; id <= 9; id++) {
            AuditChain.Content later = new AuditChain.Content(id, AT.plusSeconds(1000 + id), "system", "approval.expired", "approval:9", "{}");
            String hash = AuditChain.keyedHash(KEY, prev, later);
            reappended.add(new StoredEntry(later, prev, hash));
            prev = hash;
        }
        AuditCheckpoint earlier = checkpointOf(original.subList(0, 4));
        assertEquals(List.of(new Break(Kind.NOT_AS_CHECKPOINTED, 5, 8, checkpoint)), walk(reappended, earlier, checkpoint).problems());
    }

    @Test
    void aChainWithNoKeyedEntryIsNamedSinceHarbormasterKeysItAtStart() {
        assertEquals(List.of(new Break(Kind.NEVER_KEYED, 1, 3)), walk(chain(3, 0)).problems());
        assertEquals(List.of(new Break(Kind.NEVER_KEYED, 1, 0)), walk(List.of()).problems());
    }

    @Test
    void problemsAreListedUpToABoundAndTheRestCounted() {
        List<StoredEntry> entries = without(chain(0, 2 * ChainWalk.MAX_LISTED + 42), e -> e.content().id() % 2 == 0);
        ChainVerification result = walk(entries);
        assertEquals(ChainWalk.MAX_LISTED, result.problems().size());
        assertEquals(ChainWalk.MAX_LISTED + 20, result.problemCount());
        assertTrue(result.problems().stream().allMatch(p -> p.kind() == Kind.MISSING), result.problems().toString());
    }
}
