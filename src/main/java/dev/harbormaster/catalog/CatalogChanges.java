package dev.harbormaster.catalog;

import dev.harbormaster.approval.ActionRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The catalog changes that approvals gate: handing a service to another team, and deleting it. */
@ApplicationScoped
public class CatalogChanges {

    @Inject
    ServiceRepository services;
    @Inject
    TeamRepository teams;

    /** @return the team that owned it before */
    @Transactional
    public String transfer(String serviceName, String teamName) {
        Service service = services.findByName(serviceName)
                .orElseThrow(() -> new ActionRefusedException("The service " + Mrkdwn.code(serviceName) + " no longer exists."));
        Team team = teams.findByName(teamName)
                .orElseThrow(() -> new ActionRefusedException("The team " + Mrkdwn.code(teamName) + " no longer exists."));
        String previous = service.ownerTeam == null ? service.owner : service.ownerTeam;
        service.owner = team.name;
        service.ownerTeam = team.name;
        return previous;
    }

    @Transactional
    public void delete(String serviceName) {
        Service service = services.findByName(serviceName)
                .orElseThrow(() -> new ActionRefusedException("The service " + Mrkdwn.code(serviceName) + " no longer exists."));
        services.delete(service);
    }
}
