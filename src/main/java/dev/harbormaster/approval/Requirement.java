package dev.harbormaster.approval;

/** {@code count} approvals from distinct people in {@code from}. */
public record Requirement(int count, ApproverSet from) {
}
