package dev.harbormaster.addon;

/** The next thing the worker does for an add-on; each is one broker call (plus Kubernetes for the Secret). */
public enum AddonStep {
    PROVISION, POLL_PROVISION, BIND, POLL_BIND, FETCH_BINDING, UNBIND, POLL_UNBIND, DEPROVISION, POLL_DEPROVISION,
    /** The spec's orphan mitigation after a provision that may have half-happened: one DELETE. */
    ORPHAN_DELETE,
    /** Orphan mitigation for a binding: one unbind. */
    ORPHAN_UNBIND
}
