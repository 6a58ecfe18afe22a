package dev.harbormaster.team;

import dev.harbormaster.approval.Organisation;
import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.CatalogSettings;
import dev.harbormaster.catalog.Team;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The organisation as the approval engine sees it, answered from the catalog and the team routing. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ApprovalOrganisation implements Organisation {

    @Inject
    Catalog catalog;
    @Inject
    CatalogSettings settings;
    @Inject
    TeamRouting routing;

    @Override
    public Optional<List<String>> members(String team) {
        return catalog.team(team).map((Team found) -> List.copyOf(found.members));
    }

    @Override
    public boolean hasTeams() {
        return !catalog.teamNames().isEmpty();
    }

    @Override
    public Optional<String> channel(String team) {
        return routing.teamChannel(team);
    }

    @Override
    public String adminTeam() {
        return settings.adminTeam();
    }

    @Override
    public Set<String> environments() {
        return Set.copyOf(settings.environments());
    }
}
