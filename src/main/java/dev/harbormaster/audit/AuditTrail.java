package dev.harbormaster.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The append-only audit log: who did what to which target. Every entry is chained to the one before by a
 * hash keyed with the audit key ({@link AuditChain}); the database refuses UPDATE, DELETE and TRUNCATE,
 * {@link AuditCheckpoints} records the chain's head outside the table, and {@link AuditVerifier} finds entries
 * changed, inserted or removed behind its back.
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
    @Inject
    AuditKey key;

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

    /**
     * Starts the keyed chain the first time a replica runs with an audit key: appends {@code audit.key_adopted},
     * whose keyed hash covers the link to the last entry written before (entries are never re-hashed: those keep
     * their plain hashes and are checked as before, anchored by this entry). Runs before other start-up work that
     * records entries, under the append lock, so replicas starting together adopt the key once.
     *
     * @throws IllegalStateException when the chain was started with another key: this replica's entries could not
     *                               be verified with the chain's key, so it must not start
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void adoptKey(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup) {
        entries.lockChain();
        Optional<AuditEntryRepository.StoredEntry> adopted = entries.newestAdoption();
        if (adopted.isPresent()) {
            AuditEntryRepository.StoredEntry entry = adopted.get();
            if (key.authentic(entry.prevHash(), entry.content(), entry.hash())) {
                return;
            }
            String recorded = recordedKeyId(entry.content().detailsJson());
            if (recorded != null && !recorded.equals(key.id())) {
                throw new IllegalStateException("The audit log was keyed with another audit key (key id " + recorded
                        + ", entry #" + entry.content().id() + ") than this replica's HARBORMASTER_AUDIT_KEY (key id "
                        + key.id() + "); refusing to start. Start every replica with the key the log was keyed with:"
                        + " entries hashed with another key could never be verified.");
            }
            LOG.errorf("Audit entry #%d (%s) does not match its keyed hash: the audit log was tampered with;"
                    + " run audit verify", entry.content().id(), AuditEntryRepository.KEY_ADOPTED);
            return;
        }
        Optional<AuditEntryRepository.Head> legacy = entries.head();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("key_id", key.id());
        details.put("legacy_last_id", legacy.map(h -> h.last().content().id()).orElse(0L));
        details.put("legacy_head", legacy.map(h -> h.last().hash()).orElse(AuditChain.GENESIS));
        long id = entries.append("system", AuditEntryRepository.KEY_ADOPTED, AuditEntryRepository.AUDIT_TARGET,
                detailsJson(details));
        if (id == 1) {
            LOG.infof("Audit log keyed with audit key %s from its first entry on", key.id());
        } else {
            LOG.infof("Audit log keyed with audit key %s from entry #%d on; the %d entries before keep their plain"
                    + " hashes and are checked as before", key.id(), id, id - 1);
        }
    }

    private String recordedKeyId(String detailsJson) {
        try {
            return json.readTree(detailsJson).path("key_id").textValue();
        } catch (JsonProcessingException e) {
            return null;
        }
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
