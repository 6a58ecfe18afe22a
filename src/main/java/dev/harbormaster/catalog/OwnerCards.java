package dev.harbormaster.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@link OwnerCard}s with one statement over JDBC. {@code owner} is the question chat asks most (who owns the
 * thing that is paging), and answering it through Hibernate (the service with its environments, its system and its
 * team as managed entities, their JSON columns converted and copied for dirty checking) was most of the command's
 * work: 296 of 348 JFR samples of the command threads at 300 requests a second. This reads the eight columns the
 * answer shows, and nothing is managed, so nothing is copied or flushed.
 */
@ApplicationScoped
public class OwnerCards {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String BY_SERVICE_NAME = """
            SELECT s.name, s.owner, s.tier, t.name, t.display_name, t.slack_channel, t.on_call, t.members::text
            FROM catalog_service s LEFT JOIN catalog_team t ON t.name = s.owner_team
            WHERE s.name = ?""";

    @Inject
    AgroalDataSource dataSource;

    public Optional<OwnerCard> find(String serviceName) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(BY_SERVICE_NAME)) {
            query.setString(1, serviceName);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Optional<OwnerCard.Contacts> team = row.getString(4) == null ? Optional.empty()
                        : Optional.of(new OwnerCard.Contacts(row.getString(4), row.getString(5), row.getString(6),
                        row.getString(7), JsonColumns.read(row.getString(8), STRINGS, List.of())));
                return Optional.of(new OwnerCard(row.getString(1), row.getString(2), row.getObject(3, Integer.class), team));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the owner of a service from the catalog", e);
        }
    }
}
