package dev.harbormaster.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * The append-only audit log: who did what to which target. Every entry is chained to the one before by a
 * hash ({@link AuditChain}); the database refuses UPDATE, DELETE and TRUNCATE, and {@link AuditVerifier}
 * finds an entry changed or removed behind its back.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final int MAX_ACTOR_LENGTH = 100;
    private static final int MAX_ACTION_LENGTH = 100;
    private static final int MAX_TARGET_LENGTH = 300;

    @Inject
    AuditEntryRepository entries;
    @Inject
    ObjectMapper json;

    /** The target of entries about a service, e.g. {@code service:payments-api}. */
    public static String serviceTarget(String service) {
        return "service:" + service;
    }

    /**
     * Appends one entry in the caller's transaction. {@code actorId} is a Slack user id (or {@code system}),
     * {@code action} a dotted verb such as {@code approval.requested}, {@code target} what it concerns (e.g. {@code service:payments-api}), {@code details} small JSON-able facts.
     * <p>
     * It joins the caller's transaction, so a change that rolls back leaves no entry, and it holds the
     * chain's append lock until that transaction ends: record late in a transaction, not before slow work.
     *
     * @throws IllegalArgumentException when a field is blank or too long, or the details are not JSON-able
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void record(String actorId, String action, String target, Map<String, Object> details) {
        require("actorId", actorId, MAX_ACTOR_LENGTH);
        require("action", action, MAX_ACTION_LENGTH);
        require("target", target, MAX_TARGET_LENGTH);
        long id = entries.append(actorId, action, target, detailsJson(details));
        LOG.debugf("Audit #%d: %s %s by %s", id, action, target, actorId);
    }

    /** The newest entries, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> latest(int limit) {
        return entries.latest(limit);
    }

    /**
     * The newest entries about a service, newest first: those targeting it and those whose details name it
     * (as {@code payments-api} or {@code service:payments-api}, at any depth).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> latestConcerning(String service, int limit) {
        return entries.latestConcerning(service, limit);
    }

    private String detailsJson(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details == null ? Map.of() : details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit details must be JSON-able values: " + e.getOriginalMessage(), e);
        }
    }

    private static void require(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An audit entry needs a " + field);
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException("An audit entry's " + field + " is longer than " + maxLength + " characters");
        }
    }
}
