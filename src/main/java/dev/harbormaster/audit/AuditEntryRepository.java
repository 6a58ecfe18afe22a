package dev.harbormaster.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The audit table. Appending and walking the chain are plain JDBC on the session's connection, so they run
 * in the caller's transaction and read timestamps and jsonb exactly as PostgreSQL holds them. Every entry
 * appended here is keyed with the audit key ({@link AuditKey#entryHash}).
 */
@ApplicationScoped
public class AuditEntryRepository implements PanacheRepository<AuditEntry> {

    /**
     * Key of the transaction-scoped advisory lock that serialises appends across replicas; held until the
     * appending transaction ends, so the next append reads this entry as the chain's last.
     */
    static final long APPEND_LOCK = 0x4842_4155_4449_5401L;

    /** The action of the entry that starts the keyed chain ({@link AuditTrail#adoptKey}). */
    static final String KEY_ADOPTED = "audit.key_adopted";
    static final String AUDIT_TARGET = "audit";

    private static final String COLUMNS = "id, occurred_at, actor_id, action, target, details::text, prev_hash, hash";
    private static final String LAST = "SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1";
    /** The last entry and the count in one statement, so both come from one snapshot. */
    private static final String HEAD = "SELECT " + COLUMNS + ", (SELECT count(*) FROM audit_entry) FROM audit_entry"
            + " ORDER BY id DESC LIMIT 1";
    private static final String NEWEST_ADOPTION = "SELECT " + COLUMNS + " FROM audit_entry WHERE target = '"
            + AUDIT_TARGET + "' AND action = '" + KEY_ADOPTED + "' ORDER BY id DESC LIMIT 1";
    private static final String NOW_AND_DETAILS = "SELECT clock_timestamp(), CAST(? AS jsonb)::text";
    private static final String INSERT = """
            INSERT INTO audit_entry (id, occurred_at, actor_id, action, target, details, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""";
    private static final String CHAIN = "SELECT " + COLUMNS + " FROM audit_entry WHERE id BETWEEN ? AND ? ORDER BY id";
    /** Entries about a service: its own target, or any value in the details naming it. */
    private static final String CONCERNING = """
            SELECT * FROM audit_entry
            WHERE target = :target
               OR jsonb_path_exists(details, '$.** ? (@ == $name || @ == $target)',
                                    jsonb_build_object('name', CAST(:name AS text), 'target', CAST(:target AS text)))
            ORDER BY id DESC LIMIT :limit""";
    private static final int FETCH_SIZE = 500;

    @Inject
    AuditKey key;

    /** One entry as stored, with its links, for verification. */
    record StoredEntry(AuditChain.Content content, String prevHash, String hash) {
    }

    /** The chain's last entry and how many entries the table holds. */
    record Head(StoredEntry last, long entries) {
    }

    /** Visits stored entries in chain order; returns false to stop early. */
    @FunctionalInterface
    interface ChainVisitor {
        boolean visit(StoredEntry entry);
    }

    /** Appends one entry after the chain's last and returns its id. Must run inside a transaction. */
    long append(String actorId, String action, String target, String detailsJson) {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            lockChain(connection);
            long previousId = 0;
            String previousHash = AuditChain.GENESIS;
            try (PreparedStatement last = connection.prepareStatement(LAST); ResultSet row = last.executeQuery()) {
                if (row.next()) {
                    previousId = row.getLong(1);
                    previousHash = row.getString(2);
                }
            }
            Instant occurredAt;
            String storedDetails;
            try (PreparedStatement now = connection.prepareStatement(NOW_AND_DETAILS)) {
                now.setString(1, detailsJson);
                try (ResultSet row = now.executeQuery()) {
                    row.next();
                    occurredAt = row.getObject(1, OffsetDateTime.class).toInstant();
                    storedDetails = row.getString(2);
                }
            }
            long id = previousId + 1;
            String hash = key.entryHash(previousHash,
                    new AuditChain.Content(id, occurredAt, actorId, action, target, storedDetails));
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setLong(1, id);
                insert.setObject(2, OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC));
                insert.setString(3, actorId);
                insert.setString(4, action);
                insert.setString(5, target);
                insert.setString(6, storedDetails);
                insert.setString(7, previousHash);
                insert.setString(8, hash);
                insert.executeUpdate();
            }
            return id;
        });
    }

    /** Takes the append lock for the rest of the caller's transaction. */
    void lockChain() {
        getEntityManager().unwrap(Session.class).doWork(AuditEntryRepository::lockChain);
    }

    private static void lockChain(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, APPEND_LOCK);
            lock.execute();
        }
    }

    /**
     * Walks the entries with ids from {@code fromId} to {@code toId} in id order, from one snapshot, streaming
     * them through a cursor rather than loading them all. Must run inside a transaction (PostgreSQL only uses a
     * cursor then).
     */
    void walk(long fromId, long toId, ChainVisitor visitor) {
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement chain = connection.prepareStatement(CHAIN)) {
                chain.setLong(1, fromId);
                chain.setLong(2, toId);
                chain.setFetchSize(FETCH_SIZE);
                try (ResultSet row = chain.executeQuery()) {
                    while (row.next()) {
                        if (!visitor.visit(stored(row))) {
                            return;
                        }
                    }
                }
            }
        });
    }

    /** The last entry and the number of entries, read together; empty when the table is. */
    Optional<Head> head() {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement head = connection.prepareStatement(HEAD); ResultSet row = head.executeQuery()) {
                return row.next() ? Optional.of(new Head(stored(row), row.getLong(9))) : Optional.<Head>empty();
            }
        });
    }

    /** The newest entry that started the keyed chain, if any. */
    Optional<StoredEntry> newestAdoption() {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement adoption = connection.prepareStatement(NEWEST_ADOPTION);
                 ResultSet row = adoption.executeQuery()) {
                return row.next() ? Optional.of(stored(row)) : Optional.<StoredEntry>empty();
            }
        });
    }

    /** The database's clock, which every replica shares. */
    Instant databaseNow() {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement now = connection.prepareStatement("SELECT clock_timestamp()");
                 ResultSet row = now.executeQuery()) {
                row.next();
                return row.getObject(1, OffsetDateTime.class).toInstant();
            }
        });
    }

    private static StoredEntry stored(ResultSet row) throws SQLException {
        AuditChain.Content content = new AuditChain.Content(row.getLong(1),
                row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6));
        return new StoredEntry(content, row.getString(7), row.getString(8));
    }

    List<AuditEntry> latest(int limit) {
        return findAll(Sort.descending("id")).page(Page.ofSize(limit)).list();
    }

    @SuppressWarnings("unchecked")
    List<AuditEntry> latestConcerning(String service, int limit) {
        return getEntityManager().createNativeQuery(CONCERNING, AuditEntry.class)
                .setParameter("target", AuditTrail.serviceTarget(service))
                .setParameter("name", service)
                .setParameter("limit", limit)
                .getResultList();
    }
}
