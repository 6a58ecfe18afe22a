package dev.harbormaster.catalog;

import dev.harbormaster.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registers and edits services from chat. Validation runs again inside the transaction that writes,
 * so a name taken or a team removed since the modal opened is still caught. Every change is an audit entry.
 */
@ApplicationScoped
public class ServiceRegistration {

    @Inject
    ServiceRepository services;
    @Inject
    TeamRepository teams;
    @Inject
    CatalogSettings settings;
    @Inject
    CatalogAuthorization authorization;
    @Inject
    AuditTrail audit;
    @Inject
    CatalogNotices notices;
    @Inject
    Event<ServiceEnvironmentsSaved> environmentsSaved;
    @Inject
    DeletedServices deletedServices;

    /** The saved service name, or the errors keyed by modal block id. */
    public record Outcome(Optional<String> saved, Map<String, String> errors) {
    }

    /**
     * A new service, owned by a team the caller belongs to (platform admins may name any team): registering a
     * service for another team would let anyone put words in that team's catalog.
     */
    @Transactional
    public Outcome register(ServiceForm form, CallerIdentity caller) {
        ServiceFormValidator.Result result = ServiceFormValidator.validate(form, true,
                name -> services.findByName(name).isPresent(), name -> teams.findByName(name).isPresent(),
                Set.copyOf(settings.environments()));
        if (!result.valid()) {
            return new Outcome(Optional.empty(), result.errors());
        }
        Optional<Team> owner = teams.findByName(form.ownerTeam());
        if (owner.isPresent() && !CatalogAuthorization.isMember(owner.get(), caller) && !authorization.isPlatformAdmin(caller)) {
            return new Outcome(Optional.empty(), Map.of(ServiceForm.OWNER, "You are not a member of " + form.ownerTeam()
                    + ": register services for your own team (platform admins may register for any team)."));
        }
        Service service = new Service();
        service.name = form.name().trim();
        service.namespace = EntityRef.DEFAULT_NAMESPACE;
        service.type = "service";
        service.sourceRef = "chat";
        service.sourceFile = "registered by " + caller.userId();
        service.description = blankToNull(form.description());
        service.owner = form.ownerTeam();
        service.ownerTeam = form.ownerTeam();
        service.tier = result.tier();
        service.lifecycle = form.lifecycle();
        service.repoUrl = blankToNull(form.repoUrl());
        service.runbookUrl = blankToNull(form.runbookUrl());
        service.replaceEnvironments(result.environments());
        service.editedInChat(ChatEdits.all(), caller.userId());
        deletedServices.forget(service.name);
        services.persist(service);
        services.flush();
        environmentsSaved.fire(new ServiceEnvironmentsSaved(List.of(service)));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("owner", service.ownerTeam);
        details.put("settings", ProtectedSettings.of(service).toJson());
        audit.record(caller.userId(), "catalog.registered", AuditTrail.serviceTarget(service.name), details);
        return new Outcome(Optional.of(service.name), Map.of());
    }

    /**
     * Checks an edit form against the service as it is now and sorts what it would change (see {@link ServiceEdit});
     * writes nothing.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PlannedEdit plan(String serviceName, ServiceForm form) {
        Optional<Service> existing = services.findByName(serviceName);
        if (existing.isEmpty()) {
            return new PlannedEdit(null, Map.of(ServiceForm.OWNER, "The service " + serviceName + " no longer exists; close this form."));
        }
        ServiceFormValidator.Result result = ServiceFormValidator.validate(form, false,
                name -> false, name -> teams.findByName(name).isPresent(), Set.copyOf(settings.environments()));
        if (!result.valid()) {
            return new PlannedEdit(null, result.errors());
        }
        Service service = existing.get();
        ServiceEdit edit = ServiceEdit.of(service,
                new ServiceEdit.Details(blankToNull(form.description()), blankToNull(form.repoUrl()), blankToNull(form.runbookUrl())),
                form.ownerTeam(), new ProtectedSettings(result.tier(), form.lifecycle(), result.environments()));
        return new PlannedEdit(edit, Map.of());
    }

    /** Either what an edit would change, or the form's errors keyed by block id. */
    public record PlannedEdit(ServiceEdit edit, Map<String, String> errors) {
    }

    /**
     * Saves the fields of an edit that need nobody's approval (description, links, environment sizing), audits
     * them, and tells the owning team when someone outside it made them. Owner, tier, lifecycle and where
     * environments run are left alone: they go through their gated actions.
     *
     * @return what was saved, e.g. {@code [description]}; empty when the service changed meanwhile or nothing did
     */
    @Transactional
    public List<String> saveDetails(ServiceEdit edit, CallerIdentity caller) {
        Optional<Service> existing = services.findByName(edit.service());
        List<String> changed = edit.changedDetails();
        if (existing.isEmpty() || changed.isEmpty()) {
            return List.of();
        }
        Service service = existing.get();
        service.description = edit.details().description();
        service.repoUrl = edit.details().repoUrl();
        service.runbookUrl = edit.details().runbookUrl();
        service.editedInChat(ChatEdits.details(changed), caller.userId());
        if (edit.settings().differsOnlyInSizing(ProtectedSettings.of(service))) {
            service.replaceEnvironments(edit.settings().environments());
            services.flush();
            environmentsSaved.fire(new ServiceEnvironmentsSaved(List.of(service)));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fields", changed);
        details.put("before", edit.detailsBefore());
        details.put("after", edit.details());
        audit.record(caller.userId(), "catalog.edited", AuditTrail.serviceTarget(service.name), details);
        notices.editedByOutsider(service, caller, String.join(", ", changed));
        return changed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
