package dev.harbormaster.addon;

import com.slack.api.bolt.App;
import dev.harbormaster.slack.AfterAck;
import dev.harbormaster.slack.BoltListeners;
import dev.harbormaster.slack.SlackErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** The add-on form on the Bolt app: choosing a plan redraws it; submitting checks and asks for approval. */
@ApplicationScoped
public class AddonListeners implements BoltListeners {

    @Inject
    AddonInteractions interactions;
    @Inject
    SlackErrors errors;
    @Inject
    AfterAck afterAck;

    @Override
    public void register(App app) {
        app.blockAction(AddonCreateModal.PLAN_ACTION, (request, context) -> {
            var payload = request.getPayload();
            String viewId = payload.getView().getId();
            String chosen = payload.getActions().get(0).getSelectedOption() == null ? null
                    : payload.getActions().get(0).getSelectedOption().getValue();
            String metadata = payload.getView().getPrivateMetadata();
            afterAck.run("showing the parameters of an add-on plan", () -> interactions.planChosen(viewId, chosen, metadata));
            return context.ack();
        });
        app.viewSubmission(AddonCreateModal.CALLBACK, (request, context) -> {
            Map<String, String> problems;
            try {
                problems = interactions.submit(request.getPayload().getUser().getId(),
                        request.getPayload().getView().getState(), request.getPayload().getView().getPrivateMetadata());
            } catch (RuntimeException e) {
                return context.ackWithErrors(Map.of(AddonRequests.NAME,
                        errors.userMessage(errors.record("requesting an add-on", e))));
            }
            return problems.isEmpty() ? context.ack() : context.ackWithErrors(problems);
        });
    }
}
