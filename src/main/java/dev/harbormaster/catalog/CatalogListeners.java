package dev.harbormaster.catalog;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.slack.BoltListeners;
import dev.harbormaster.slack.AfterAck;
import dev.harbormaster.slack.SlackErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The catalog's buttons and modals on the Bolt app: paging, register, edit and import. */
@ApplicationScoped
public class CatalogListeners implements BoltListeners {

    @Inject
    CatalogInteractions interactions;
    @Inject
    SlackErrors errors;
    @Inject
    AfterAck afterAck;

    @Override
    public void register(App app) {
        app.blockAction(ServiceListMessage.PAGE_ACTION, (request, context) -> {
            String value = request.getPayload().getActions().get(0).getValue();
            CommandReply reply;
            try {
                reply = interactions.servicesPage(value);
            } catch (RuntimeException e) {
                reply = CommandReply.ephemeral(errors.userMessage(errors.record("paging the service list", e)));
            }
            String text = reply.text();
            List<LayoutBlock> blocks = reply.blocks().isEmpty() ? null : reply.blocks();
            afterAck.run("answering a service list page",
                    () -> context.respond(r -> r.replaceOriginal(true).responseType("ephemeral").text(text).blocks(blocks)));
            return context.ack();
        });
        app.viewSubmission(ServiceFormModal.REGISTER_CALLBACK, (request, context) -> answer(context,
                () -> interactions.register(request.getPayload().getUser().getId(), request.getPayload().getView().getState(),
                        request.getPayload().getView().getPrivateMetadata()), "registering a service", ServiceForm.OWNER));
        app.viewSubmission(ServiceFormModal.EDIT_CALLBACK, (request, context) -> answer(context,
                () -> interactions.edit(request.getPayload().getUser().getId(), request.getPayload().getView().getState(),
                        request.getPayload().getView().getPrivateMetadata()), "editing a service", ServiceForm.OWNER));
        app.viewSubmission(CatalogImportModal.CALLBACK, (request, context) -> answer(context,
                () -> interactions.importYaml(request.getPayload().getUser().getId(), request.getPayload().getView().getState(),
                        request.getPayload().getView().getPrivateMetadata()), "importing into the catalog", CatalogImportModal.YAML_BLOCK));
    }

    /**
     * An unexpected failure is shown under {@code errorBlock}, with an id to quote; the trace goes to the log. The
     * confirmation is posted after the acknowledgement, never before it.
     */
    private Response answer(ViewSubmissionContext context, Supplier<CatalogInteractions.Submitted> submission,
                            String whileDoing, String errorBlock) {
        CatalogInteractions.Submitted submitted;
        try {
            submitted = submission.get();
        } catch (RuntimeException e) {
            return context.ackWithErrors(Map.of(errorBlock, errors.userMessage(errors.record(whileDoing, e))));
        }
        if (!submitted.errors().isEmpty()) {
            return context.ackWithErrors(submitted.errors());
        }
        submitted.confirmation().ifPresent(confirmation -> afterAck.run("confirming a catalog change", confirmation::run));
        return context.ack();
    }
}
