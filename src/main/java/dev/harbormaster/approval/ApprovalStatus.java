package dev.harbormaster.approval;

/**
 * PENDING → APPROVED → EXECUTING → SUCCEEDED | FAILED | UNKNOWN, or PENDING → REJECTED | EXPIRED | CANCELLED.
 * UNKNOWN: the replica running it stopped mid-way and the action is not safe to run twice.
 * Every move is a conditional UPDATE on the current status, so concurrent replicas cannot both make it.
 */
public enum ApprovalStatus {
    PENDING, APPROVED, EXECUTING, SUCCEEDED, FAILED, UNKNOWN, REJECTED, EXPIRED, CANCELLED;

    public boolean finished() {
        return this != PENDING && this != APPROVED && this != EXECUTING;
    }
}
