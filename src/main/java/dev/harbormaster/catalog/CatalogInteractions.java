package dev.harbormaster.catalog;

import com.slack.api.model.view.ViewState;
import dev.harbormaster.approval.ApprovalEngine;
import dev.harbormaster.approval.ApprovalReplies;
import dev.harbormaster.approval.SubmitResult;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.notify.SlackGateway;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happens when someone clicks a paging button or submits a catalog modal. A submission answers with the
 * errors to show in the modal (keyed by block id), empty when it was accepted, and the confirmation to post to the
 * submitter once Slack has its acknowledgement.
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
    ApprovalEngine engine;
    @Inject
    SlackGateway gateway;
    @Inject
    SlackConnection connection;

    /** The modal's errors (empty: accepted), and what to tell the submitter after the acknowledgement. */
    public record Submitted(Map<String, String> errors, Optional<Runnable> confirmation) {
        static Submitted refused(Map<String, String> errors) {
            return new Submitted(errors, Optional.empty());
        }
    }

    @ActivateRequestContext
    public CommandReply servicesPage(String buttonValue) {
        return ServicePageValue.decode(buttonValue).map(listServices::page)
                .orElseGet(() -> CommandReply.ephemeral("That button is from an older list: run `"
                        + connection.slashCommand() + " services` again."));
    }

    @ActivateRequestContext
    public Submitted register(String userId, ViewState state, String privateMetadata) {
        ServiceRegistration.Outcome outcome = registration.register(new ModalValues(state).serviceForm(), identities.identify(userId));
        if (outcome.saved().isEmpty()) {
            return Submitted.refused(outcome.errors());
        }
        String name = outcome.saved().get();
        return confirmed(privateMetadata, userId, ":white_check_mark: Registered " + Mrkdwn.code(name) + ". See it with `"
                + connection.slashCommand() + " service " + name + "`.");
    }

    /**
     * One form, three doors, each with its own guard: description and links are saved at once; a new owner is a
     * {@code service transfer} and tier, lifecycle and environments are a {@code service edit}, both asked of the
     * approval engine exactly as their typed commands are. If either would be refused (not allowed, denied, a reason
     * missing), nothing at all is saved and the form says why.
     */
    @ActivateRequestContext
    public Submitted edit(String userId, ViewState state, String privateMetadata) {
        String name = ModalMetadata.decode(privateMetadata).service();
        Optional<Service> service = name == null ? Optional.empty() : catalog.service(name);
        if (service.isEmpty()) {
            return Submitted.refused(Map.of(ServiceForm.OWNER, "This service no longer exists; close the form."));
        }
        CallerIdentity caller = identities.identify(userId);
        Permission permission = authorization.mayEdit(service.get(), caller);
        if (!permission.allowed()) {
            return Submitted.refused(Map.of(ServiceForm.OWNER, plain(RefusalMessage.edit(name, permission))));
        }
        ModalValues values = new ModalValues(state);
        ServiceRegistration.PlannedEdit planned = registration.plan(name, values.serviceForm());
        if (planned.edit() == null) {
            return Submitted.refused(planned.errors());
        }
        ServiceEdit edit = planned.edit();
        if (edit.changesNothing()) {
            return confirmed(privateMetadata, userId, "Nothing changed in " + Mrkdwn.code(name) + ".");
        }
        String reason = values.get(ServiceForm.REASON);
        Map<String, String> transfer = Map.of("name", name, "to", String.valueOf(edit.owner()));
        Map<String, String> settings = EditService.parameters(name, edit.settingsBefore(), edit.settings());
        Map<String, String> refusals = new LinkedHashMap<>();
        if (edit.ownerChanges()) {
            engine.preflight(TransferService.NAME, transfer, userId, reason != null)
                    .ifPresent(refusal -> refusals.putAll(formErrors(refusal, ServiceForm.OWNER)));
        }
        if (edit.protectedSettingsChange()) {
            engine.preflight(EditService.NAME, settings, userId, reason != null)
                    .ifPresent(refusal -> refusals.putAll(formErrors(refusal, settingsBlock(edit))));
        }
        if (!refusals.isEmpty()) {
            return Submitted.refused(refusals);
        }
        List<String> lines = new ArrayList<>();
        List<String> saved = registration.saveDetails(edit, caller);
        if (!saved.isEmpty()) {
            lines.add(":white_check_mark: Saved the " + String.join(", ", saved) + " of " + Mrkdwn.code(name) + ".");
        }
        String retype = connection.slashCommand() + " service edit " + name;
        if (edit.ownerChanges()) {
            lines.add("*Owner:* " + ApprovalReplies.reply(engine.submit(TransferService.NAME, transfer, userId, reason, null),
                    retype).text());
        }
        if (edit.protectedSettingsChange()) {
            lines.add("*Tier, lifecycle and environments:* " + ApprovalReplies.reply(
                    engine.submit(EditService.NAME, settings, userId, reason, null), retype).text());
        }
        lines.add("See it with `" + connection.slashCommand() + " service " + name + "`.");
        return confirmed(privateMetadata, userId, String.join("\n", lines));
    }

    @ActivateRequestContext
    public Submitted importYaml(String userId, ViewState state, String privateMetadata) {
        Permission permission = authorization.mayImport(identities.identify(userId));
        if (!permission.allowed()) {
            return Submitted.refused(Map.of(CatalogImportModal.YAML_BLOCK, plain(RefusalMessage.importing(permission))));
        }
        String yaml = PastedYaml.clean(Optional.ofNullable(new ModalValues(state).get(CatalogImportModal.YAML_BLOCK)).orElse(""));
        ImportReport report = catalogImport.importYaml(userId, PastedYaml.source(userId), yaml);
        if (!report.imported()) {
            return Submitted.refused(Map.of(CatalogImportModal.YAML_BLOCK,
                    Mrkdwn.truncate(ImportReportMessage.problems(report), MAX_ERROR_LENGTH)));
        }
        return confirmed(privateMetadata, userId, ImportReportMessage.text(report));
    }

    /** A refusal from the approval engine, as errors under the form's fields (a missing reason under "Why"). */
    private static Map<String, String> formErrors(SubmitResult refusal, String field) {
        if (refusal instanceof SubmitResult.NeedsReason needs) {
            return Map.of(ServiceForm.REASON, "Policy " + needs.policy() + " needs a reason for this change: say why here.");
        }
        if (refusal instanceof SubmitResult.Denied denied) {
            return Map.of(field, plain(denied.message()) + " (policy " + denied.policy() + ")");
        }
        return Map.of(field, plain(((SubmitResult.Refused) refusal).message()));
    }

    /** Tier, lifecycle and environments are one request; its problem shows under the first of them that changed. */
    private static String settingsBlock(ServiceEdit edit) {
        if (!Objects.equals(edit.settingsBefore().tier(), edit.settings().tier())) {
            return ServiceForm.TIER;
        }
        return Objects.equals(edit.settingsBefore().lifecycle(), edit.settings().lifecycle())
                ? ServiceForm.ENVIRONMENTS : ServiceForm.LIFECYCLE;
    }

    /** Modal errors are plain text: no emoji codes, code spans or escapes. */
    private static String plain(String mrkdwn) {
        String text = dev.harbormaster.command.Mrkdwn.unescape(mrkdwn.replaceAll(":[a-z_]+: ", "").replace("`", "")
                .replaceAll("<@([A-Z0-9]+)>", "@$1").replaceAll("<#[A-Z0-9]+\\|?([^>]*)>", "#$1"));
        return Mrkdwn.truncate(text, MAX_ERROR_LENGTH);
    }

    /**
     * The confirmation goes where the command was run, after the acknowledgement; when Slack refuses it, the change
     * stands and is logged.
     */
    private Submitted confirmed(String privateMetadata, String userId, String text) {
        String channel = ModalMetadata.decode(privateMetadata).channel();
        if (channel == null) {
            return new Submitted(Map.of(), Optional.empty());
        }
        return new Submitted(Map.of(), Optional.of(() -> {
            try {
                gateway.postEphemeral(channel, userId, Mrkdwn.truncate(text, 3000), null);
            } catch (SlackGateway.SlackCallFailed e) {
                LOG.warnf("Could not confirm a catalog change to %s in %s: %s", userId, channel, e.error());
            }
        }));
    }
}
