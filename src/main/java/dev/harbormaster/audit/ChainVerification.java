package dev.harbormaster.audit;

import java.util.List;

/**
 * What {@link AuditVerifier} found: every break in the chain it could name, in entry order, and what it
 * checked the chain against.
 *
 * @param checked     entries read
 * @param lastId      the last entry's id (0 when none)
 * @param lastHash    the last entry's hash, the chain's head as the table has it
 * @param keyedFrom   the first entry with a keyed hash (0 when none); entries before it are legacy, written
 *                    before the audit key was adopted
 * @param problems    the first {@link ChainWalk#MAX_LISTED} problems; consecutive entries with the same problem
 *                    are one range
 * @param unlisted    how many more problems there were
 * @param checkpoints the checkpoints the chain was compared with
 */
public record ChainVerification(long checked, long lastId, String lastHash, long keyedFrom, List<Break> problems,
                                long unlisted, AuditCheckpoints.Known checkpoints) {

    public ChainVerification {
        problems = List.copyOf(problems);
    }

    public enum Kind {
        /** The entry's content no longer matches its hash. */
        ALTERED,
        /**
         * After the keyed chain started, an entry whose hash is the plain, unkeyed one: written by someone without
         * the audit key (inserted, renumbered, or edited and re-hashed).
         */
        UNKEYED,
        /** The entry no longer links to the one before it: that one was replaced, or those before were rewritten. */
        LINK_BROKEN,
        /** Ids are missing: entries were deleted. */
        MISSING,
        /** The entry at a checkpoint's position is not the one the checkpoint recorded: entries were replaced. */
        NOT_AS_CHECKPOINTED,
        /** A checkpoint recorded entries beyond the table's last one: entries were removed from the end. */
        TRUNCATED,
        /** No entry carries a keyed hash, although Harbormaster keys the chain when it starts. */
        NEVER_KEYED
    }

    /**
     * @param entryId    the first entry concerned (for {@link Kind#NOT_AS_CHECKPOINTED}, the first after the last
     *                   checkpoint that still matches)
     * @param untilId    the last entry concerned
     * @param checkpoint for {@link Kind#NOT_AS_CHECKPOINTED} and {@link Kind#TRUNCATED}, the checkpoint that shows it
     */
    public record Break(Kind kind, long entryId, long untilId, AuditCheckpoint checkpoint) {

        public Break(Kind kind, long entryId, long untilId) {
            this(kind, entryId, untilId, null);
        }
    }

    public boolean intact() {
        return problems.isEmpty();
    }

    /** Problems in all, listed or not. */
    public long problemCount() {
        return problems.size() + unlisted;
    }
}
