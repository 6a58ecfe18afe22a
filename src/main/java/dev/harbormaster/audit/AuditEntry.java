package dev.harbormaster.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** One audit entry as read back; entries are only ever appended by {@link AuditTrail#record}. */
@Entity
@Immutable
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    Long id;
    @Column(name = "occurred_at")
    Instant occurredAt;
    @Column(name = "actor_id")
    String actorId;
    String action;
    String target;
    /** The jsonb column as text. */
    @Column(name = "details")
    String detailsJson;
    @Column(name = "prev_hash")
    String prevHash;
    String hash;

    /** The entry's position in the chain, 1 for the first. */
    public long id() {
        return id;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actorId() {
        return actorId;
    }

    public String action() {
        return action;
    }

    public String target() {
        return target;
    }

    public String detailsJson() {
        return detailsJson;
    }

    public String hash() {
        return hash;
    }
}
