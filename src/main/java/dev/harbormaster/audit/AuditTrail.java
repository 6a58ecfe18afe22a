package dev.harbormaster.audit;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Placeholder until the audit log lands: see the approvals issue. */
@ApplicationScoped
public class AuditTrail {

    /**
     * Appends one entry in the caller's transaction. {@code actorId} is a Slack user id (or
     * {@code system}), {@code action} a dotted verb such as {@code approval.requested}, {@code target}
     * what it concerns (e.g. {@code service:payments-api}), {@code details} small JSON-able facts.
     */
    public void record(String actorId, String action, String target, Map<String, Object> details) {
        throw new UnsupportedOperationException("not built yet");
    }
}
