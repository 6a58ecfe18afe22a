package dev.harbormaster.approval;

import java.time.Instant;
import java.util.List;

/** What became of asking for a gated action; {@link ApprovalReplies} turns each into a Slack answer. */
public sealed interface SubmitResult {

    /**
     * It ran. {@code requestId} is null when no policy covered it (no request was needed); {@code emergency}
     * when it ran by break-glass and awaits review.
     */
    record Executed(String outcome, Long requestId, boolean emergency) implements SubmitResult {
    }

    /** Waiting for approvers in {@code channel}; {@code requirements} say who must approve, one line each. */
    record Pending(long requestId, List<String> requirements, String channel, Instant expiresAt) implements SubmitResult {
    }

    /** A policy refuses it from chat altogether. */
    record Denied(String policy, String message) implements SubmitResult {
    }

    /** A policy needs a reason; ask again with {@code --reason}. */
    record NeedsReason(String policy) implements SubmitResult {
    }

    /** It cannot be asked for as it stands (unknown target, break-glass not allowed, it failed); the message says why. */
    record Refused(String message) implements SubmitResult {
    }
}
