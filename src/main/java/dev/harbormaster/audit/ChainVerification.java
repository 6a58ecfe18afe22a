package dev.harbormaster.audit;

import java.util.Optional;

/**
 * What {@link AuditVerifier} found: how many entries it checked and, when the chain is broken, the first
 * break. Entries before the break are intact.
 *
 * @param checked  entries whose content and link were checked and found intact
 * @param lastId   the last intact entry's id (0 when none)
 * @param lastHash the last intact entry's hash, which an operator can note to detect entries later
 *                 removed from the end (a hash chain cannot show a missing tail by itself)
 */
public record ChainVerification(long checked, long lastId, String lastHash, Optional<Break> problem) {

    public enum Kind {
        /** The entry's content no longer matches its hash. */
        ALTERED,
        /** The entry no longer links to the one before it: that one was altered and re-hashed, or replaced. */
        LINK_BROKEN,
        /** Ids are missing before the entry: entries were deleted. */
        MISSING
    }

    /**
     * @param entryId the entry found broken: the altered one, the one whose predecessor no longer matches,
     *                or the first missing id
     * @param untilId for {@link Kind#MISSING}, the last missing id; otherwise {@code entryId}
     */
    public record Break(Kind kind, long entryId, long untilId) {
    }

    public boolean intact() {
        return problem.isEmpty();
    }
}
