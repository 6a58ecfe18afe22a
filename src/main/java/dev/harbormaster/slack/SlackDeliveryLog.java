package dev.harbormaster.slack;

import io.agroal.api.AgroalDataSource;
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

    @Inject
    AgroalDataSource dataSource;

    /** Records the key; false when it was already there, meaning this is a repeat delivery. */
    public boolean firstDelivery(String key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO slack_delivery (delivery_key) VALUES (?) ON CONFLICT DO NOTHING")) {
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
