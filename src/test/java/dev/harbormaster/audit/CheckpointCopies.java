package dev.harbormaster.audit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the database's copies of the checkpoints behind their trigger's back, as whoever can write the tables
 * can, and puts them back on close: what is left to find a truncation by is the audit channel.
 */
final class CheckpointCopies implements AutoCloseable {

    private static final String COLUMNS = "id, last_id, entries, last_hash, made_at, key_id, signature, made_by, period";

    private final DataSource dataSource;
    private final List<Object[]> rows = new ArrayList<>();

    private CheckpointCopies(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static CheckpointCopies deleted(DataSource dataSource) throws SQLException {
        CheckpointCopies copies = new CheckpointCopies(dataSource);
        copies.withoutTrigger(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT " + COLUMNS + " FROM audit_checkpoint")) {
                while (row.next()) {
                    Object[] values = new Object[9];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = row.getObject(i + 1);
                    }
                    copies.rows.add(values);
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM audit_checkpoint");
            }
        });
        return copies;
    }

    @Override
    public void close() throws SQLException {
        withoutTrigger(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_checkpoint (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Object[] values : rows) {
                    for (int i = 0; i < values.length; i++) {
                        insert.setObject(i + 1, values[i]);
                    }
                    insert.executeUpdate();
                }
            }
        });
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void withoutTrigger(Work work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_append_only");
                work.run(connection);
                ddl.execute("ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_append_only");
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
