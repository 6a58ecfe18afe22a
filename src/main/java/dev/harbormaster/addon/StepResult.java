package dev.harbormaster.addon;

import java.util.function.Consumer;

/**
 * What a step led to: the change to make to the add-on's row (under the step's claim) and, when it ended a
 * provision or a delete, the audit action to record.
 */
record StepResult(Consumer<AddonInstance> change, String auditAction) {

    static StepResult of(Consumer<AddonInstance> change) {
        return new StepResult(change, null);
    }

    static StepResult audited(String auditAction, Consumer<AddonInstance> change) {
        return new StepResult(change, auditAction);
    }
}
