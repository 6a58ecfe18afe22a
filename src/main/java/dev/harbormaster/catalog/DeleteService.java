package dev.harbormaster.catalog;

import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.approval.ApprovalAction;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/** {@code service delete}: a service leaves the catalog, with its environments. */
@ApplicationScoped
public class DeleteService implements ApprovalAction {

    public static final String NAME = "service delete";

    @Inject
    Catalog catalog;
    @Inject
    CatalogChanges changes;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ActionTarget target(Map<String, String> parameters) {
        Service service = existingService(parameters.get("name"));
        return new ActionTarget(service.name, service.ownerTeam, null, service.tier);
    }

    @Override
    public String describe(Map<String, String> parameters) {
        Service service = existingService(parameters.get("name"));
        return "Delete " + Mrkdwn.code(service.name) + " from the catalog (owner " + Mrkdwn.code(service.owner)
                + (service.tier == null ? "" : ", tier " + service.tier) + ")";
    }

    @Override
    public Optional<String> precheck(Map<String, String> parameters) {
        String name = parameters.get("name");
        return catalog.service(name == null ? "" : name).isPresent() ? Optional.empty()
                : Optional.of("the service " + Mrkdwn.code(name) + " no longer exists");
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        String name = parameters.get("name");
        changes.delete(name, requesterId);
        return Mrkdwn.code(name) + " was deleted from the catalog.";
    }

    private Service existingService(String name) {
        return NotFoundMessage.existingForAction(catalog, name, connection.slashCommand());
    }
}
