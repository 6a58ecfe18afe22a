package dev.harbormaster.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The checkpoint copies. Inserting is native SQL: {@code ON CONFLICT … RETURNING} has no JPQL form. */
@ApplicationScoped
public class StoredCheckpointRepository implements PanacheRepository<StoredCheckpoint> {

    private static final String INSERT = """
            INSERT INTO audit_checkpoint (last_id, entries, last_hash, made_at, key_id, signature, made_by, period)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (period) DO NOTHING
            RETURNING id""";

    /**
     * Stores a checkpoint and returns its row id; empty when one for the same scheduled {@code period} is already
     * stored (another replica ran the same fire of the job). {@code period} is null for one made on demand.
     */
    Optional<Long> insert(AuditCheckpoint checkpoint, String madeBy, Instant period) {
        AuditCheckpoint.Head head = checkpoint.head();
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setLong(1, head.lastId());
                insert.setLong(2, head.entries());
                insert.setString(3, head.lastHash());
                insert.setObject(4, OffsetDateTime.ofInstant(head.at(), ZoneOffset.UTC));
                insert.setString(5, head.keyId());
                insert.setString(6, checkpoint.signature());
                insert.setString(7, madeBy);
                if (period == null) {
                    insert.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    insert.setObject(8, OffsetDateTime.ofInstant(period, ZoneOffset.UTC));
                }
                try (ResultSet row = insert.executeQuery()) {
                    return row.next() ? Optional.of(row.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    /** The newest copies, newest first (signatures not yet checked). */
    List<AuditCheckpoint> newest(int limit) {
        return findAll(Sort.descending("id")).page(Page.ofSize(limit)).list().stream()
                .map(StoredCheckpoint::checkpoint).toList();
    }
}
