package dev.harbormaster.approval;

/**
 * PENDING → APPROVED → EXECUTING → SUCCEEDED | FAILED, or PENDING → REJECTED | EXPIRED | CANCELLED.
 * Every move is a conditional UPDATE on the current status, so concurrent replicas cannot both make it.
 */
public enum ApprovalStatus {
    PENDING, APPROVED, EXECUTING, SUCCEEDED, FAILED, REJECTED, EXPIRED, CANCELLED;

    public boolean finished() {
        return this != PENDING && this != APPROVED && this != EXECUTING;
    }
}
