package dev.harbormaster.catalog;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.approval.ApprovalAction;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** {@code service transfer}: a service changes owning team. Policies see its current owners and tier. */
@ApplicationScoped
public class TransferService implements ApprovalAction {

    public static final String NAME = "service transfer";

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
        String to = parameters.get("to");
        if (to == null || to.isBlank()) {
            throw new ActionRefusedException("Say which team gets it: `" + connection.slashCommand() + " service transfer "
                    + Mrkdwn.escape(service.name) + " --to &lt;team&gt;`.");
        }
        if (catalog.team(to).isEmpty()) {
            throw new ActionRefusedException(NotFoundMessage.team(catalog, to, connection.slashCommand()).text());
        }
        if (to.equals(service.ownerTeam)) {
            throw new ActionRefusedException(Mrkdwn.code(service.name) + " is already owned by " + Mrkdwn.code(to) + ".");
        }
        return new ActionTarget(service.name, service.ownerTeam, null, service.tier);
    }

    @Override
    public String describe(Map<String, String> parameters) {
        Service service = existingService(parameters.get("name"));
        String from = service.ownerTeam == null ? service.owner : service.ownerTeam;
        return "Transfer " + Mrkdwn.code(service.name) + " from " + Mrkdwn.code(from) + " to " + Mrkdwn.code(parameters.get("to"));
    }

    /** Setting the owner again changes nothing more. */
    @Override
    public boolean repeatable() {
        return true;
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        String name = parameters.get("name");
        String to = parameters.get("to");
        String previous = changes.transfer(name, to, requesterId);
        return Mrkdwn.code(name) + " is now owned by " + Mrkdwn.code(to) + " (was " + Mrkdwn.code(previous) + ").";
    }

    private Service existingService(String name) {
        return NotFoundMessage.existingForAction(catalog, name, connection.slashCommand());
    }
}
