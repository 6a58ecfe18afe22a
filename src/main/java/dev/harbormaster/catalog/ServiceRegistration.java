package dev.harbormaster.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.Optional;

/**
 * Registers and edits services from chat. Validation runs again inside the transaction that writes,
 * so a name taken or a team removed since the modal opened is still caught.
 */
@ApplicationScoped
public class ServiceRegistration {

    @Inject
    ServiceRepository services;
    @Inject
    TeamRepository teams;

    /** The saved service name, or the errors keyed by modal block id. */
    public record Outcome(Optional<String> saved, Map<String, String> errors) {
    }

    @Transactional
    public Outcome register(ServiceForm form, String userId) {
        ServiceFormValidator.Result result = ServiceFormValidator.validate(form, true,
                name -> services.findByName(name).isPresent(), name -> teams.findByName(name).isPresent());
        if (!result.valid()) {
            return new Outcome(Optional.empty(), result.errors());
        }
        Service service = new Service();
        service.name = form.name().trim();
        service.namespace = EntityRef.DEFAULT_NAMESPACE;
        service.type = "service";
        service.sourceRef = "chat";
        service.sourceFile = "registered by " + userId;
        apply(service, form, result);
        services.persist(service);
        return new Outcome(Optional.of(service.name), Map.of());
    }

    /** Updates the fields the modal shows; links, tags, SLOs and the rest stay as imported. */
    @Transactional
    public Outcome update(String serviceName, ServiceForm form) {
        Optional<Service> existing = services.findByName(serviceName);
        if (existing.isEmpty()) {
            return new Outcome(Optional.empty(), Map.of(ServiceForm.OWNER,
                    "The service " + serviceName + " no longer exists; close this form."));
        }
        ServiceFormValidator.Result result = ServiceFormValidator.validate(form, false,
                name -> false, name -> teams.findByName(name).isPresent());
        if (!result.valid()) {
            return new Outcome(Optional.empty(), result.errors());
        }
        apply(existing.get(), form, result);
        return new Outcome(Optional.of(serviceName), Map.of());
    }

    private static void apply(Service service, ServiceForm form, ServiceFormValidator.Result result) {
        service.description = blankToNull(form.description());
        service.owner = form.ownerTeam();
        service.ownerTeam = form.ownerTeam();
        service.tier = result.tier();
        service.lifecycle = form.lifecycle();
        service.repoUrl = blankToNull(form.repoUrl());
        service.runbookUrl = blankToNull(form.runbookUrl());
        service.replaceEnvironments(result.environments());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
