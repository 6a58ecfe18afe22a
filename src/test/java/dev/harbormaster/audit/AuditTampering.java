package dev.harbormaster.audit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

/**
 * Edits the audit table behind its trigger's back, as the table's owner can, and puts it back exactly as it
 * was on close. The database is shared by every test class, so a tampering test must leave a valid chain.
 * Each step commits on its own: while the trigger is disabled other writers must not see a half-done state.
 */
final class AuditTampering implements AutoCloseable {

    private final DataSource dataSource;
    private final Row original;

    private record Row(long id, OffsetDateTime occurredAt, String actorId, String action, String target,
                       String details, String prevHash, String hash) {
    }

    private AuditTampering(DataSource dataSource, long id) throws SQLException {
        this.dataSource = dataSource;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT id, occurred_at, actor_id, action, target, details::text, prev_hash, hash
                     FROM audit_entry WHERE id = ?""")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("no audit entry #" + id);
                }
                original = new Row(row.getLong(1), row.getObject(2, OffsetDateTime.class), row.getString(3),
                        row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8));
            }
        }
    }

    /** Runs {@code sql} (with {@code ?} bound to the entry's id) with the append-only trigger disabled. */
    static AuditTampering tamper(DataSource dataSource, long id, String sql) throws SQLException {
        AuditTampering tampering = new AuditTampering(dataSource, id);
        tampering.withoutTrigger(sql, id);
        return tampering;
    }

    private void withoutTrigger(String sql, long id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement ddl = connection.createStatement(); PreparedStatement edit = connection.prepareStatement(sql)) {
                ddl.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
                edit.setLong(1, id);
                edit.executeUpdate();
                ddl.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Restores the original row (re-inserted if it was deleted) and the trigger. */
    @Override
    public void close() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement ddl = connection.createStatement();
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM audit_entry WHERE id = ?");
                 PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO audit_entry (id, occurred_at, actor_id, action, target, details, prev_hash, hash)
                         VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""")) {
                ddl.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
                delete.setLong(1, original.id());
                delete.executeUpdate();
                insert.setLong(1, original.id());
                insert.setObject(2, original.occurredAt());
                insert.setString(3, original.actorId());
                insert.setString(4, original.action());
                insert.setString(5, original.target());
                insert.setString(6, original.details());
                insert.setString(7, original.prevHash());
                insert.setString(8, original.hash());
                insert.executeUpdate();
                ddl.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
