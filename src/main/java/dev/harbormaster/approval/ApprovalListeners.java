package dev.harbormaster.approval;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import dev.harbormaster.slack.BoltListeners;
import dev.harbormaster.slack.AfterAck;
import dev.harbormaster.slack.SlackErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Approve, Reject and Acknowledge on the Bolt app. Answers meant only for the clicker ("you already voted")
 * go back through the click's response_url as ephemeral messages that leave the shared message alone; the
 * shared message itself is edited through the outbox.
 */
@ApplicationScoped
public class ApprovalListeners implements BoltListeners {

    @Inject
    ApprovalClicks clicks;
    @Inject
    SlackErrors errors;
    @Inject
    AfterAck afterAck;

    @Override
    public void register(App app) {
        // Clicks are acknowledged first and decided after: deciding may ask Slack (a user group's members, a person
        // never seen before), and Slack gives the acknowledgement 3 seconds whatever Slack itself is doing.
        app.blockAction(ApprovalRequestMessage.APPROVE_ACTION, (request, context) -> {
            BlockActionPayload payload = request.getPayload();
            decideAfterAck(context, "approving a request", () -> clicks.approve(value(payload), payload.getUser().getId()));
            return context.ack();
        });
        app.blockAction(ApprovalRequestMessage.ACKNOWLEDGE_ACTION, (request, context) -> {
            BlockActionPayload payload = request.getPayload();
            decideAfterAck(context, "acknowledging a break-glass run",
                    () -> clicks.acknowledge(value(payload), payload.getUser().getId()));
            return context.ack();
        });
        app.blockAction(ApprovalRequestMessage.REJECT_ACTION, (request, context) -> {
            BlockActionPayload payload = request.getPayload();
            String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
            afterAck.run("opening the reject form", () -> {
                Optional<EngineAnswer> refusal;
                try {
                    refusal = clicks.openReject(value(payload), payload.getUser().getId(), payload.getTriggerId(), channel);
                } catch (RuntimeException e) {
                    refusal = Optional.of(EngineAnswer.refused(errors.userMessage(errors.record("opening the reject form", e))));
                }
                if (refusal.isPresent()) {
                    respond(context, refusal.get());
                }
            });
            return context.ack();
        });
        app.viewSubmission(RejectReasonModal.CALLBACK, (request, context) -> {
            Map<String, String> problems;
            try {
                problems = clicks.submitReject(request.getPayload().getUser().getId(), request.getPayload().getView().getState(),
                        request.getPayload().getView().getPrivateMetadata());
            } catch (RuntimeException e) {
                problems = Map.of(RejectReasonModal.REASON_BLOCK, errors.userMessage(errors.record("rejecting a request", e)));
            }
            return problems.isEmpty() ? context.ack() : context.ackWithErrors(problems);
        });
    }

    private void decideAfterAck(ActionContext context, String whileDoing, Supplier<EngineAnswer> work) {
        afterAck.run(whileDoing, () -> {
            EngineAnswer answer;
            try {
                answer = work.get();
            } catch (RuntimeException e) {
                answer = EngineAnswer.refused(errors.userMessage(errors.record(whileDoing, e)));
            }
            respond(context, answer);
        });
    }

    private static String value(BlockActionPayload payload) {
        return payload.getActions() == null || payload.getActions().isEmpty() ? null : payload.getActions().get(0).getValue();
    }

    /** Answers the clicker alone, through the click's response_url. */
    private static void respond(ActionContext context, EngineAnswer answer) throws Exception {
        if (context.getResponseUrl() == null) {
            return;
        }
        context.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(answer.message()));
    }
}
