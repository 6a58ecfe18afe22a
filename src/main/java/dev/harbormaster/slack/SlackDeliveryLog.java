package dev.harbormaster.slack;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Remembers what Slack has delivered, in PostgreSQL so that every replica sees it: the first delivery
 * of a key wins and every later one (a retry, a replay, the same request reaching a second replica)
 * is acknowledged and dropped.
 */
@ApplicationScoped
public class SlackDeliveryLog {

    /** Its own pool (application.properties): an acknowledgement must not queue behind work after other acks. */
    @Inject
    @DataSource("slack-deliveries")
    AgroalDataSource dataSource;

    /**
     * The insert of {@link #firstDelivery}, committed without waiting for the WAL to reach the disk
     * ({@code synchronous_commit} off for this one statement's transaction): every request waits for it before its
     * acknowledgement, and a flush waits behind whatever else the server is writing (measured: 60–120 ms for every
     * request at once, several times a minute, under load). Other replicas see the row as soon as it commits, so a
     * second delivery is still refused. Only a crash of the database server within a fraction of a second can lose
     * the row, and then only when the request committed nothing of its own since (WAL reaches the disk in order): a
     * request whose effects were lost too may run again on Slack's retry, which is what should happen. Bolt's
     * middleware calls it outside any transaction, so the setting ends with this one statement.
     */
    private static final String RECORD_WITHOUT_WAITING_FOR_FLUSH = """
            INSERT INTO slack_delivery (delivery_key)
            SELECT ? FROM (SELECT set_config('synchronous_commit', 'off', true)) AS for_this_transaction
            ON CONFLICT DO NOTHING""";

    /** Records the key; false when it was already there, meaning this is a repeat delivery. */
    public boolean firstDelivery(String key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(RECORD_WITHOUT_WAITING_FOR_FLUSH)) {
            insert.setString(1, key);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a Slack delivery", e);
        }
    }

    /** Slack retries for at most an hour and signatures expire after five minutes: a day is ample. */
    @Scheduled(identity = "slack-delivery-log-cleanup", every = "1h", delayed = "1m")
    void forgetOldDeliveries() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM slack_delivery WHERE received_at < now() - interval '1 day'")) {
            delete.executeUpdate();
        }
    }
}
