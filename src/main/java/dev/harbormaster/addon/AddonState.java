package dev.harbormaster.addon;

/** Where an add-on is in its life, as people see it. */
public enum AddonState {
    PROVISIONING, BINDING, READY, FAILED, DEPROVISIONING, DELETED;

    /** Whether the worker is still busy with it (nothing else may start on it). */
    public boolean busy() {
        return this == PROVISIONING || this == BINDING || this == DEPROVISIONING;
    }
}
