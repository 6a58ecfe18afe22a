package dev.harbormaster.deployment;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import dev.harbormaster.approval.ApprovalEngine;
import dev.harbormaster.approval.ApprovalReplies;
import dev.harbormaster.approval.SubmitResult;
import dev.harbormaster.slack.AfterAck;
import dev.harbormaster.slack.BoltListeners;
import dev.harbormaster.slack.SlackConnection;
import dev.harbormaster.slack.SlackErrors;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/**
 * The Rollback button of a failed rollout. The button carries only the deployment record id; service, environment
 * and revision are read back from the database, and the request goes through the approval engine as the clicking
 * user (Bolt has checked Slack's signature, so that user id is Slack's word), exactly as if they had typed
 * {@code rollback <service> --env <env> --to <revision>}.
 */
@ApplicationScoped
public class RolloutListeners implements BoltListeners {

    @Inject
    RolloutTracker tracker;
    @Inject
    ApprovalEngine engine;
    @Inject
    AfterAck afterAck;
    @Inject
    SlackErrors errors;
    @Inject
    SlackConnection connection;

    @Override
    public void register(App app) {
        app.blockAction(RolloutMessage.ROLLBACK_ACTION, (request, context) -> {
            BlockActionPayload payload = request.getPayload();
            String value = payload.getActions() == null || payload.getActions().isEmpty() ? null : payload.getActions().get(0).getValue();
            String userId = payload.getUser().getId();
            afterAck.run("asking for a rollback from a rollout message", () -> tell(context, rollback(value, userId)));
            return context.ack();
        });
    }

    private String rollback(String value, String userId) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            Optional<RolloutTracker.RollbackOffer> offer = value != null && value.matches("\\d{1,18}")
                    ? tracker.rollbackOffer(Long.parseLong(value)) : Optional.empty();
            if (offer.isEmpty()) {
                return "That rollout has nothing to roll back to any more. See `" + connection.slashCommand() + " history`.";
            }
            RolloutTracker.RollbackOffer o = offer.get();
            Map<String, String> parameters = Map.of(DeploymentActionSupport.SERVICE, o.service(), DeploymentActionSupport.ENV,
                    o.environment(), "to", Long.toString(o.revision()));
            SubmitResult result = engine.submit(RollbackDeployment.NAME, parameters, userId, null, null);
            return ApprovalReplies.reply(result, connection.slashCommand() + " rollback " + o.service() + " --env "
                    + o.environment() + " --to " + o.revision()).text();
        } catch (RuntimeException e) {
            return errors.userMessage(errors.record("asking for a rollback", e));
        } finally {
            requestContext.terminate();
        }
    }

    private static void tell(ActionContext context, String text) throws Exception {
        if (context.getResponseUrl() != null) {
            context.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
        }
    }
}
