package dev.harbormaster.catalog;

import com.slack.api.model.view.ViewState;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.notify.SlackGateway;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;

/**
 * What happens when someone clicks a paging button or submits a catalog modal. Each method returns
 * the errors to show in the modal (keyed by block id), empty when it was accepted.
 */
@ApplicationScoped
public class CatalogInteractions {

    private static final Logger LOG = Logger.getLogger(CatalogInteractions.class);
    /** Slack shows a modal error under its input; a long list of problems is cut to fit. */
    private static final int MAX_ERROR_LENGTH = 1500;

    @Inject
    ListServices listServices;
    @Inject
    ServiceRegistration registration;
    @Inject
    Catalog catalog;
    @Inject
    CatalogImport catalogImport;
    @Inject
    CatalogAuthorization authorization;
    @Inject
    SlackIdentities identities;
    @Inject
    SlackGateway gateway;
    @Inject
    SlackConnection connection;

    @ActivateRequestContext
    public CommandReply servicesPage(String buttonValue) {
        return ServicePageValue.decode(buttonValue).map(listServices::page)
                .orElseGet(() -> CommandReply.ephemeral("That button is from an older list: run `"
                        + connection.slashCommand() + " services` again."));
    }

    @ActivateRequestContext
    public Map<String, String> register(String userId, ViewState state, String privateMetadata) {
        ServiceRegistration.Outcome outcome = registration.register(new ModalValues(state).serviceForm(), userId);
        outcome.saved().ifPresent(name -> confirm(privateMetadata, userId, ":white_check_mark: Registered "
                + Mrkdwn.code(name) + ". See it with `" + connection.slashCommand() + " service " + name + "`."));
        return outcome.errors();
    }

    @ActivateRequestContext
    public Map<String, String> edit(String userId, ViewState state, String privateMetadata) {
        String name = ModalMetadata.decode(privateMetadata).service();
        Optional<Service> service = name == null ? Optional.empty() : catalog.service(name);
        if (service.isEmpty()) {
            return Map.of(ServiceForm.OWNER, "This service no longer exists; close the form.");
        }
        Permission permission = authorization.mayEdit(service.get(), identities.identify(userId));
        if (!permission.allowed()) {
            return Map.of(ServiceForm.OWNER, RefusalMessage.edit(name, permission).replace("`", ""));
        }
        ServiceRegistration.Outcome outcome = registration.update(name, new ModalValues(state).serviceForm());
        outcome.saved().ifPresent(saved -> confirm(privateMetadata, userId, ":white_check_mark: Saved "
                + Mrkdwn.code(saved) + ". See it with `" + connection.slashCommand() + " service " + saved + "`."));
        return outcome.errors();
    }

    @ActivateRequestContext
    public Map<String, String> importYaml(String userId, ViewState state, String privateMetadata) {
        Permission permission = authorization.mayImport(identities.identify(userId));
        if (!permission.allowed()) {
            return Map.of(CatalogImportModal.YAML_BLOCK, RefusalMessage.importing(permission).replace("`", ""));
        }
        String yaml = PastedYaml.clean(Optional.ofNullable(new ModalValues(state).get(CatalogImportModal.YAML_BLOCK)).orElse(""));
        ImportReport report = catalogImport.importYaml(userId, PastedYaml.source(userId), yaml);
        if (!report.imported()) {
            return Map.of(CatalogImportModal.YAML_BLOCK, Mrkdwn.truncate(ImportReportMessage.problems(report), MAX_ERROR_LENGTH));
        }
        confirm(privateMetadata, userId, ImportReportMessage.text(report));
        return Map.of();
    }

    /** The confirmation goes where the command was run; when Slack refuses, the change stands and is logged. */
    private void confirm(String privateMetadata, String userId, String text) {
        String channel = ModalMetadata.decode(privateMetadata).channel();
        if (channel == null) {
            return;
        }
        try {
            gateway.postEphemeral(channel, userId, text, null);
        } catch (SlackGateway.SlackCallFailed e) {
            LOG.warnf("Could not confirm a catalog change to %s in %s: %s", userId, channel, e.error());
        }
    }
}
