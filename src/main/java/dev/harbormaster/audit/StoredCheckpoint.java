package dev.harbormaster.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** The database's copy of a checkpoint ({@link AuditCheckpoints}); written only by {@link StoredCheckpointRepository#insert}. */
@Entity
@Immutable
@Table(name = "audit_checkpoint")
public class StoredCheckpoint {

    @Id
    Long id;
    @Column(name = "last_id")
    long lastId;
    long entries;
    @Column(name = "last_hash")
    String lastHash;
    @Column(name = "made_at")
    Instant madeAt;
    @Column(name = "key_id")
    String keyId;
    String signature;

    AuditCheckpoint checkpoint() {
        return new AuditCheckpoint(new AuditCheckpoint.Head(lastId, entries, lastHash, madeAt, keyId), signature,
                AuditCheckpoint.Source.DATABASE);
    }
}
