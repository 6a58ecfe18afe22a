package dev.harbormaster.catalog;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.approval.ApprovalAction;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.notify.SlackGateway;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code service edit <name>}: opens the edit form (owners and platform admins); and the gated action behind it
 * that changes what policies protect, tier, lifecycle and environments, which approvals decide like any other
 * (shipped: {@code approvals/catalog-changes.yaml}). The form's owner field goes through {@code service transfer}
 * instead, and its description and links are saved at once (see {@link CatalogInteractions#edit}).
 */
@ApplicationScoped
public class EditService implements PlatformCommand, ApprovalAction {

    public static final String NAME = "service edit";
    /** The wanted settings, as {@link ProtectedSettings#toJson()}. */
    static final String SETTINGS = "settings";
    /** {@link ProtectedSettings#fingerprint()} of the settings it was asked against. */
    static final String WAS = "was";

    @Inject
    Catalog catalog;
    @Inject
    CatalogAuthorization authorization;
    @Inject
    CatalogChanges changes;
    @Inject
    CatalogSettings settings;
    @Inject
    SlackIdentities identities;
    @Inject
    SlackGateway gateway;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String name = invocation.argument("name").trim();
        Optional<Service> service = catalog.service(name);
        if (service.isEmpty()) {
            return NotFoundMessage.service(catalog, name, connection.slashCommand());
        }
        Permission permission = authorization.mayEdit(service.get(), identities.identify(invocation.caller().userId()));
        if (!permission.allowed()) {
            return RefusalMessage.editReply(name, permission);
        }
        return ModalOpening.open(gateway, invocation.caller().triggerId(),
                ServiceFormModal.edit(service.get(), catalog.teamNames(), invocation.caller().channelId()));
    }

    /** The parameters of a request to change {@code service}'s settings to {@code wanted}. */
    static Map<String, String> parameters(String service, ProtectedSettings was, ProtectedSettings wanted) {
        return Map.of("name", service, SETTINGS, wanted.toJson(), WAS, was.fingerprint());
    }

    /**
     * The service, its owners and the more critical of its tier before and after (a policy on tier 1 covers moving a
     * service out of tier 1), and the environments whose name or place the change touches. Without settings (as in
     * {@code policy check service edit <name>}) it is any change of the service.
     */
    @Override
    public ActionTarget target(Map<String, String> parameters) {
        Service service = NotFoundMessage.existingForAction(catalog, parameters.get("name"), connection.slashCommand());
        if (parameters.get(SETTINGS) == null) {
            return new ActionTarget(service.name, service.ownerTeam, null, service.tier);
        }
        ProtectedSettings current = ProtectedSettings.of(service);
        ProtectedSettings wanted = wanted(parameters);
        if (!wanted.differsInWhatPoliciesSee(current)) {
            throw new ActionRefusedException(Mrkdwn.code(service.name) + " already has that tier, lifecycle and those "
                    + "environments: there is nothing to change.");
        }
        Integer tier = current.tier() == null ? wanted.tier()
                : wanted.tier() == null ? current.tier() : Math.min(current.tier(), wanted.tier());
        return new ActionTarget(service.name, service.ownerTeam, null, tier, current.touchedEnvironments(wanted));
    }

    @Override
    public String describe(Map<String, String> parameters) {
        Service service = NotFoundMessage.existingForAction(catalog, parameters.get("name"), connection.slashCommand());
        if (parameters.get(SETTINGS) == null) {
            return "Change the tier, lifecycle or environments of " + Mrkdwn.code(service.name);
        }
        return "Change " + Mrkdwn.code(service.name) + ": "
                + String.join("; ", ProtectedSettings.of(service).describeChanges(wanted(parameters)));
    }

    /** Besides the target, the settings must still be those the request was made against. */
    @Override
    public Optional<String> precheck(Map<String, String> parameters) {
        Optional<String> invalid = ApprovalAction.super.precheck(parameters);
        if (invalid.isPresent()) {
            return invalid;
        }
        Service service = catalog.service(parameters.get("name")).orElseThrow();
        return ProtectedSettings.of(service).fingerprint().equals(parameters.get(WAS)) ? Optional.empty()
                : Optional.of(CatalogChanges.changedMeanwhile(service.name));
    }

    /** Setting the same fields again changes nothing more. */
    @Override
    public boolean repeatable() {
        return true;
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        String name = parameters.get("name");
        if (parameters.get(SETTINGS) == null || parameters.get(WAS) == null) {
            throw new ActionRefusedException("Say what to change: use the form, `" + connection.slashCommand()
                    + " service edit " + Mrkdwn.escape(name) + "`.");
        }
        List<String> done = changes.changeSettings(name, wanted(parameters), parameters.get(WAS), identities.identify(requesterId));
        return "Changed " + Mrkdwn.code(name) + ": " + String.join("; ", done) + ".";
    }

    /** The wanted settings, checked as the form and the import check them. */
    private ProtectedSettings wanted(Map<String, String> parameters) {
        ProtectedSettings wanted;
        try {
            wanted = ProtectedSettings.fromJson(parameters.get(SETTINGS));
        } catch (IllegalArgumentException e) {
            throw new ActionRefusedException("Those are not settings of a service; use the form, `" + connection.slashCommand()
                    + " service edit " + Mrkdwn.escape(parameters.get("name")) + "`.");
        }
        if (wanted.tier() != null && (wanted.tier() < 1 || wanted.tier() > 4)) {
            throw new ActionRefusedException("The tier is 1, 2, 3 or 4.");
        }
        if (wanted.lifecycle() == null || wanted.lifecycle().isBlank()) {
            throw new ActionRefusedException("A service needs a lifecycle: " + String.join(", ", ServiceFormValidator.LIFECYCLES) + ".");
        }
        Set<String> known = Set.copyOf(settings.environments());
        Set<String> seen = new HashSet<>();
        for (EnvironmentSpec environment : wanted.environments()) {
            if (environment.name() == null || !seen.add(environment.name())) {
                throw new ActionRefusedException("Each environment needs a name of its own.");
            }
            if (!known.contains(environment.name())) {
                throw new ActionRefusedException(Mrkdwn.escape(BackstageImporter.unknownEnvironment(environment.name(), known)));
            }
        }
        return wanted;
    }
}
