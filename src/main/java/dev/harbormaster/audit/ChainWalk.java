package dev.harbormaster.audit;

import dev.harbormaster.audit.ChainVerification.Break;
import dev.harbormaster.audit.ChainVerification.Kind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Checks entries one at a time in id order, keeping only the previous entry, the checkpoints and a bounded list
 * of problems, so a table of any size can be streamed through it. It goes on after a problem, so every altered,
 * inserted and deleted entry is named, not only the first.
 * <ul>
 *   <li>An entry whose keyed hash matches is authentic: its id, content and link were written with the key. The
 *       first such entry starts the keyed chain ({@code audit.key_adopted}); entries before it are legacy.</li>
 *   <li>A legacy entry is checked as before the key: its plain SHA-256 hash and its link.</li>
 *   <li>After the keyed chain started, an entry with a plain hash was written without the key
 *       ({@link Kind#UNKEYED}); one with neither was altered ({@link Kind#ALTERED}).</li>
 *   <li>A gap in the ids is a deletion ({@link Kind#MISSING}); a link that does not match between two sound
 *       entries is a replacement ({@link Kind#LINK_BROKEN}). A link into an entry already found altered is not
 *       reported again.</li>
 *   <li>At every checkpointed id the entry's hash must be the checkpoint's head; entries beyond the newest
 *       checkpoint's last id must exist ({@link Kind#TRUNCATED}).</li>
 * </ul>
 */
final class ChainWalk {

    /** Problems listed at most; the rest are only counted. */
    static final int MAX_LISTED = 500;

    /** Whether a stored hash is the keyed hash of the entry ({@link AuditKey#authentic}). */
    @FunctionalInterface
    interface Authenticity {
        boolean keyed(String prevHash, AuditChain.Content content, String hash);
    }

    private final Authenticity authenticity;
    private final boolean fromStart;
    private final NavigableMap<Long, List<AuditCheckpoint>> checkpoints = new TreeMap<>();
    private final List<Break> problems = new ArrayList<>();
    private Break latest;
    private long unlisted;

    private long checked;
    private long lastId;
    private String lastHash;
    private boolean lastSound;
    private boolean keyed;
    private long keyedFrom;
    private long lastMatchingCheckpoint;

    private ChainWalk(Authenticity authenticity, boolean fromStart, long firstId, Collection<AuditCheckpoint> checkpoints) {
        this.authenticity = authenticity;
        this.fromStart = fromStart;
        this.lastId = firstId - 1;
        this.lastHash = AuditChain.GENESIS;
        this.lastSound = fromStart;
        this.keyed = !fromStart;
        this.lastMatchingCheckpoint = firstId - 1;
        checkpoints.forEach(c -> this.checkpoints.computeIfAbsent(c.head().lastId(), id -> new ArrayList<>()).add(c));
    }

    /** A walk of the whole chain from entry #1. */
    static ChainWalk fromStart(Authenticity authenticity, Collection<AuditCheckpoint> checkpoints) {
        return new ChainWalk(authenticity, true, 1, checkpoints);
    }

    /**
     * A walk from a checkpointed entry onwards: that entry must still be there with the checkpoint's head, and
     * everything after it must be keyed (checkpoints are only made once the key was adopted).
     */
    static ChainWalk after(Authenticity authenticity, AuditCheckpoint checkpoint) {
        return new ChainWalk(authenticity, false, Math.max(1, checkpoint.head().lastId()), List.of(checkpoint));
    }

    /** Checks one entry; always goes on. */
    boolean visit(AuditEntryRepository.StoredEntry entry) {
        long id = entry.content().id();
        boolean gap = id != lastId + 1;
        if (gap) {
            report(new Break(Kind.MISSING, lastId + 1, id - 1));
        }
        boolean sound;
        if (authenticity.keyed(entry.prevHash(), entry.content(), entry.hash())) {
            if (!keyed) {
                keyed = true;
                keyedFrom = id;
            }
            sound = true;
        } else if (AuditChain.hash(entry.prevHash(), entry.content()).equals(entry.hash())) {
            sound = !keyed;
            if (keyed) {
                report(new Break(Kind.UNKEYED, id, id));
            }
        } else {
            sound = false;
            report(new Break(Kind.ALTERED, id, id));
        }
        if (sound && !gap && lastSound && !entry.prevHash().equals(lastHash)) {
            report(new Break(Kind.LINK_BROKEN, id, id));
        }
        compareWithCheckpoints(id, entry.hash());
        checked++;
        lastId = id;
        lastHash = entry.hash();
        lastSound = sound;
        return true;
    }

    private void compareWithCheckpoints(long id, String hash) {
        List<AuditCheckpoint> recorded = checkpoints.get(id);
        if (recorded == null) {
            return;
        }
        recorded.stream().filter(c -> !c.head().lastHash().equals(hash))
                .max(Comparator.comparing(c -> c.head().at()))
                .ifPresentOrElse(differs -> report(new Break(Kind.NOT_AS_CHECKPOINTED, lastMatchingCheckpoint + 1, id, differs)),
                        () -> lastMatchingCheckpoint = id);
    }

    ChainVerification finish(AuditCheckpoints.Known known) {
        if (fromStart && !keyed) {
            report(new Break(Kind.NEVER_KEYED, 1, lastId));
        }
        if (!checkpoints.isEmpty() && checkpoints.lastKey() > lastId) {
            AuditCheckpoint newest = checkpoints.lastEntry().getValue().stream()
                    .max(Comparator.comparing(c -> c.head().at())).orElseThrow();
            report(new Break(Kind.TRUNCATED, lastId + 1, checkpoints.lastKey(), newest));
        }
        return new ChainVerification(checked, lastId, lastHash, keyedFrom, problems, unlisted, known);
    }

    /** Keeps problems bounded: one about the entry right after the previous one of the same kind widens it. */
    private void report(Break problem) {
        boolean widens = latest != null && latest.kind() == problem.kind() && latest.untilId() + 1 == problem.entryId()
                && (problem.kind() == Kind.ALTERED || problem.kind() == Kind.UNKEYED);
        if (widens) {
            Break wider = new Break(latest.kind(), latest.entryId(), problem.untilId());
            if (!problems.isEmpty() && problems.get(problems.size() - 1) == latest) {
                problems.set(problems.size() - 1, wider);
            }
            latest = wider;
            return;
        }
        if (problems.size() < MAX_LISTED) {
            problems.add(problem);
        } else {
            unlisted++;
        }
        latest = problem;
    }
}
