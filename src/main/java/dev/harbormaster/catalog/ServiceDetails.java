package dev.harbormaster.catalog;

import java.util.Optional;

/** A service with the team that owns it and its system, as far as the catalog knows them. */
public record ServiceDetails(Service service, Optional<Team> team, Optional<CatalogSystem> system) {
}
