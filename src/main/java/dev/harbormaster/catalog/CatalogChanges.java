package dev.harbormaster.catalog;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog changes that approvals gate: handing a service to another team, changing what policies protect
 * (tier, lifecycle, environments), and deleting it. Each writes its own audit entry in the transaction of the
 * change, so the trail and the catalog never disagree.
 */
@ApplicationScoped
public class CatalogChanges {

    @Inject
    ServiceRepository services;
    @Inject
    TeamRepository teams;
    @Inject
    AuditTrail audit;
    @Inject
    CatalogNotices notices;
    @Inject
    Event<ServiceEnvironmentsSaved> environmentsSaved;
    @Inject
    DeletedServices deletedServices;

    /** @return the team that owned it before */
    @Transactional
    public String transfer(String serviceName, String teamName, String actorId) {
        Service service = existing(serviceName);
        Team team = teams.findByName(teamName)
                .orElseThrow(() -> new ActionRefusedException("The team " + Mrkdwn.code(teamName) + " no longer exists."));
        String previous = service.ownerTeam == null ? service.owner : service.ownerTeam;
        service.owner = team.name;
        service.ownerTeam = team.name;
        service.editedInChat(Set.of(ChatEdits.Field.OWNER), actorId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", previous);
        details.put("to", team.name);
        audit.record(actorId, "catalog.transferred", AuditTrail.serviceTarget(service.name), details);
        notices.transferred(service.name, previous, team.name, actorId);
        return previous;
    }

    /**
     * Sets tier, lifecycle and environments, only if they are still what the request was made against: a change
     * approved for one state of the service must not land on another.
     *
     * @param expected {@link ProtectedSettings#fingerprint()} of the settings when it was asked for
     * @return one line per change, mrkdwn
     */
    @Transactional
    public List<String> changeSettings(String serviceName, ProtectedSettings wanted, String expected, CallerIdentity actor) {
        Service service = existing(serviceName);
        ProtectedSettings current = ProtectedSettings.of(service);
        if (!current.fingerprint().equals(expected)) {
            throw new ActionRefusedException(changedMeanwhile(serviceName));
        }
        List<String> changes = current.describeChanges(wanted);
        service.tier = wanted.tier();
        service.lifecycle = wanted.lifecycle();
        service.replaceEnvironments(wanted.environments());
        service.editedInChat(ChatEdits.changed(current, wanted), actor.userId());
        services.flush();
        environmentsSaved.fire(new ServiceEnvironmentsSaved(List.of(service)));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", current.toJson());
        details.put("after", wanted.toJson());
        audit.record(actor.userId(), "catalog.settings_changed", AuditTrail.serviceTarget(service.name), details);
        notices.editedByOutsider(service, actor, String.join("; ", changes));
        return changes;
    }

    static String changedMeanwhile(String serviceName) {
        return Mrkdwn.code(serviceName) + " was changed by someone else since this was asked for, so it was not applied "
                + "over their change. Open the form again and ask anew.";
    }

    @Transactional
    public void delete(String serviceName, String actorId) {
        Service service = existing(serviceName);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("owner", service.ownerTeam == null ? service.owner : service.ownerTeam);
        details.put("settings", ProtectedSettings.of(service).toJson());
        deletedServices.remember(service, actorId);
        services.delete(service);
        audit.record(actorId, "catalog.deleted", AuditTrail.serviceTarget(serviceName), details);
    }

    private Service existing(String serviceName) {
        return services.findByName(serviceName)
                .orElseThrow(() -> new ActionRefusedException("The service " + Mrkdwn.code(serviceName) + " no longer exists."));
    }
}
