package dev.harbormaster.approval;

/** Whether a person is in an approver set, for one target (the {@code owners} set depends on it). */
@FunctionalInterface
public interface Membership {

    boolean contains(ApproverSet set, ActionTarget target, String userId);
}
