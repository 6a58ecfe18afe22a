package dev.harbormaster.audit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits the audit table behind its trigger's back, as the table's owner (a superuser) can, and puts it back
 * exactly as it was on close. The database is shared by every test class, so a tampering test must leave a valid
 * chain: the rows from the first one touched to the end are kept and restored, and the chain's append lock is
 * held meanwhile, so nothing is appended to a tampered table (an append waits until close). Record what a test
 * needs before tampering. Each step commits on its own: other readers must not see a half-done state.
 */
final class AuditTampering implements AutoCloseable {

    private final DataSource dataSource;
    private final Connection lock;
    private final long fromId;
    private final List<Row> original;

    /** One stored row. */
    record Row(long id, OffsetDateTime occurredAt, String actorId, String action, String target,
               String details, String prevHash, String hash) {

        AuditChain.Content content() {
            return new AuditChain.Content(id, occurredAt.toInstant(), actorId, action, target, details);
        }

        Row renumbered(long newId) {
            return new Row(newId, occurredAt, actorId, action, target, details, prevHash, hash);
        }

        /** The row re-linked to {@code prev} and re-hashed with the plain SHA-256, as someone without the key can. */
        Row rehashed(String prev) {
            return new Row(id, occurredAt, actorId, action, target, details, prev, AuditChain.hash(prev, content()));
        }
    }

    /** What a test does to the table while the trigger is off; it sees the rows from {@code fromId} to the end. */
    @FunctionalInterface
    interface Edit {
        void apply(Connection connection, List<Row> rows) throws SQLException;
    }

    private AuditTampering(DataSource dataSource, long fromId) throws SQLException {
        this.dataSource = dataSource;
        this.fromId = fromId;
        this.lock = dataSource.getConnection();
        try (PreparedStatement take = lock.prepareStatement("SELECT pg_advisory_lock(?)")) {
            take.setLong(1, AuditEntryRepository.APPEND_LOCK);
            take.execute();
            this.original = rowsFrom(fromId);
            if (original.isEmpty() || original.get(0).id() != fromId) {
                throw new IllegalArgumentException("no audit entry #" + fromId);
            }
        } catch (SQLException | RuntimeException e) {
            release();
            throw e;
        }
    }

    /** Runs {@code sql} (with {@code ?} bound to the entry's id) with the append-only trigger disabled. */
    static AuditTampering tamper(DataSource dataSource, long id, String sql) throws SQLException {
        return rewrite(dataSource, id, (connection, rows) -> {
            try (PreparedStatement edit = connection.prepareStatement(sql)) {
                edit.setLong(1, id);
                edit.executeUpdate();
            }
        });
    }

    /** Lets {@code edit} change the rows from {@code fromId} to the end, with the append-only trigger disabled. */
    static AuditTampering rewrite(DataSource dataSource, long fromId, Edit edit) throws SQLException {
        AuditTampering tampering = new AuditTampering(dataSource, fromId);
        try {
            tampering.withoutTrigger(connection -> edit.apply(connection, List.copyOf(tampering.original)));
        } catch (SQLException | RuntimeException e) {
            tampering.release();
            throw e;
        }
        return tampering;
    }

    /** Deletes the rows with these ids (on a connection whose trigger is off). */
    static void delete(Connection connection, long... ids) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM audit_entry WHERE id = ?")) {
            for (long id : ids) {
                delete.setLong(1, id);
                delete.executeUpdate();
            }
        }
    }

    /** Inserts rows as given (on a connection whose trigger is off). */
    static void insert(Connection connection, List<Row> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_entry (id, occurred_at, actor_id, action, target, details, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""")) {
            for (Row row : rows) {
                insert.setLong(1, row.id());
                insert.setObject(2, row.occurredAt());
                insert.setString(3, row.actorId());
                insert.setString(4, row.action());
                insert.setString(5, row.target());
                insert.setString(6, row.details());
                insert.setString(7, row.prevHash());
                insert.setString(8, row.hash());
                insert.executeUpdate();
            }
        }
    }

    private List<Row> rowsFrom(long id) throws SQLException {
        try (PreparedStatement select = lock.prepareStatement("""
                SELECT id, occurred_at, actor_id, action, target, details::text, prev_hash, hash
                FROM audit_entry WHERE id >= ? ORDER BY id""")) {
            select.setLong(1, id);
            List<Row> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new Row(row.getLong(1), row.getObject(2, OffsetDateTime.class), row.getString(3),
                            row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8)));
                }
            }
            return rows;
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void withoutTrigger(Work work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
                work.run(connection);
                ddl.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Restores the rows from the first one touched to the end as they were, then lets appends go on. */
    @Override
    public void close() throws SQLException {
        try {
            withoutTrigger(connection -> {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM audit_entry WHERE id >= ?")) {
                    delete.setLong(1, fromId);
                    delete.executeUpdate();
                }
                insert(connection, original);
            });
        } finally {
            release();
        }
    }

    private void release() throws SQLException {
        try (Connection held = lock; PreparedStatement unlock = held.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, AuditEntryRepository.APPEND_LOCK);
            unlock.execute();
        }
    }
}
