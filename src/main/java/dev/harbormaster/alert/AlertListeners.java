package dev.harbormaster.alert;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.notify.SlackGateway;
import dev.harbormaster.slack.AfterAck;
import dev.harbormaster.slack.BoltListeners;
import dev.harbormaster.slack.SlackConnection;
import dev.harbormaster.slack.SlackErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The buttons of an alert message and the custom silence form. Every click is acked at once; the work (the database,
 * Alertmanager) runs afterwards and its answer goes to the clicker alone through the click's response_url. The
 * shared message is edited through the outbox.
 */
@ApplicationScoped
public class AlertListeners implements BoltListeners {

    @Inject
    SlackConnection connection;
    @Inject
    AlertClicks clicks;
    @Inject
    AfterAck afterAck;
    @Inject
    SlackErrors errors;
    @Inject
    SlackGateway gateway;

    @Override
    public void register(App app) {
        app.blockAction(Pattern.compile("^" + Pattern.quote(AlertGroupMessage.LINK) + "\\..*"), (request, context) -> context.ack());
        app.blockAction(AlertGroupMessage.ACKNOWLEDGE, (request, context) -> {
            BlockActionPayload payload = request.getPayload();
            answerLater(context, "acknowledging an alert", () -> clicks.acknowledge(value(payload), payload.getUser().getId()));
            return context.ack();
        });
        Map.of(AlertGroupMessage.SILENCE_1H, "1h", AlertGroupMessage.SILENCE_4H, "4h", AlertGroupMessage.SILENCE_MORNING, "morning")
                .forEach((action, which) -> app.blockAction(action, (request, context) -> {
                    BlockActionPayload payload = request.getPayload();
                    answerLater(context, "silencing an alert", () -> clicks.silence(value(payload), payload.getUser().getId(), which));
                    return context.ack();
                }));
        app.blockAction(AlertGroupMessage.UNSILENCE, (request, context) -> {
            BlockActionPayload payload = request.getPayload();
            answerLater(context, "unsilencing an alert", () -> clicks.unsilence(value(payload), payload.getUser().getId()));
            return context.ack();
        });
        app.blockAction(AlertGroupMessage.SILENCE_CUSTOM, (request, context) -> {
            BlockActionPayload payload = request.getPayload();
            String value = value(payload);
            String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
            String triggerId = payload.getTriggerId();
            afterAck.run("opening the silence form", () -> {
                Optional<Long> group = AlertClicks.groupId(value);
                Optional<String> name = clicks.groupName(value);
                if (group.isEmpty() || name.isEmpty()) {
                    respond(context, "That alert group is not known any more.");
                    return;
                }
                try {
                    gateway.openView(triggerId, SilenceModal.view(group.get(), name.get(), channel));
                } catch (SlackGateway.SlackCallFailed e) {
                    respond(context, "The form did not open (" + e.error() + "). Type "
                            + Mrkdwn.code(connection.slashCommand() + " silence <service> <duration> --reason <why>") + " instead.");
                }
            });
            return context.ack();
        });
        app.viewSubmission(SilenceModal.CALLBACK, (request, context) -> {
            var state = request.getPayload().getView().getState();
            SilenceModal.Metadata metadata = SilenceModal.metadata(request.getPayload().getView().getPrivateMetadata());
            Optional<String> length = SilenceModal.value(state, SilenceModal.LENGTH_BLOCK, SilenceModal.LENGTH_INPUT);
            Optional<String> reason = SilenceModal.value(state, SilenceModal.REASON_BLOCK, SilenceModal.REASON_INPUT);
            if (length.flatMap(SilenceLength::parse).isEmpty()) {
                return context.ackWithErrors(Map.of(SilenceModal.LENGTH_BLOCK, "Type " + SilenceLength.expected().replace("`", "") + "."));
            }
            if (reason.isEmpty()) {
                return context.ackWithErrors(Map.of(SilenceModal.REASON_BLOCK, "Say why, for whoever finds the silence later."));
            }
            if (metadata.group() == null) {
                return context.ackWithErrors(Map.of(SilenceModal.LENGTH_BLOCK, "This form is from an older message; click Silence… again."));
            }
            String userId = request.getPayload().getUser().getId();
            afterAck.run("silencing an alert from the form", () -> {
                String answer = safely("silencing an alert", () -> clicks.silenceFor(metadata.group(), userId, length.get(), reason.get()));
                if (metadata.channel() != null) {
                    gateway.postEphemeral(metadata.channel(), userId, answer, null);
                }
            });
            return context.ack();
        });
    }

    private void answerLater(ActionContext context, String whileDoing, Supplier<String> work) {
        afterAck.run(whileDoing, () -> respond(context, safely(whileDoing, work)));
    }

    private String safely(String whileDoing, Supplier<String> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return errors.userMessage(errors.record(whileDoing, e));
        }
    }

    private static void respond(ActionContext context, String text) throws Exception {
        if (context.getResponseUrl() != null) {
            context.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
        }
    }

    private static String value(BlockActionPayload payload) {
        return payload.getActions() == null || payload.getActions().isEmpty() ? null : payload.getActions().get(0).getValue();
    }
}
