package dev.harbormaster.addon;

import com.slack.api.model.view.ViewState;
import dev.harbormaster.approval.ApprovalEngine;
import dev.harbormaster.approval.ApprovalReplies;
import dev.harbormaster.notify.OutboundMessage;
import dev.harbormaster.notify.Outbox;
import dev.harbormaster.notify.SlackGateway;
import dev.harbormaster.slack.AfterAck;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code addon create} form: redrawn with the chosen plan's parameter fields, and on submit checked exactly as
 * the command is (errors under their fields), then handed to the approval engine like a typed command.
 */
@ApplicationScoped
public class AddonInteractions {

    @Inject
    AddonCatalog catalog;
    @Inject
    AddonRequests requests;
    @Inject
    ApprovalEngine engine;
    @Inject
    SlackGateway gateway;
    @Inject
    Outbox outbox;
    @Inject
    AfterAck afterAck;
    @Inject
    SlackConnection connection;

    /** A plan was chosen: the same form again, with that plan's fields. */
    @ActivateRequestContext
    public void planChosen(String viewId, String chosen, String privateMetadata) {
        AddonCreateModal.Metadata metadata = AddonCreateModal.Metadata.decode(privateMetadata);
        List<Offering> offerings = catalog.offerings();
        PlanSchemaForm form = find(offerings, chosen).map(p -> PlanSchemaForm.of(p.parametersSchema()))
                .orElse(PlanSchemaForm.of(null));
        gateway.updateView(viewId, AddonCreateModal.form(offerings, chosen, form, metadata.channel()));
    }

    /** Errors by block id for the form, empty when the request went to the approval engine. */
    @ActivateRequestContext
    public Map<String, String> submit(String userId, ViewState state, String privateMetadata) {
        AddonCreateModal.Metadata metadata = AddonCreateModal.Metadata.decode(privateMetadata);
        String chosen = AddonCreateModal.value(state, AddonRequests.PLAN);
        Optional<Plan> plan = find(catalog.offerings(), chosen);
        if (chosen == null || plan.isEmpty()) {
            return Map.of(AddonRequests.PLAN, "Choose one of the plans.");
        }
        if (!chosen.equals(metadata.plan())) {
            return Map.of(AddonRequests.PLAN, "Choose the plan again so that its parameters are shown.");
        }
        PlanSchemaForm form = PlanSchemaForm.of(plan.get().parametersSchema());
        Map<String, String> raw = form.raw(state);
        int slash = chosen.lastIndexOf('/');
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(AddonRequests.OFFERING, chosen.substring(0, slash));
        parameters.put(AddonRequests.PLAN, chosen.substring(slash + 1));
        put(parameters, AddonRequests.NAME, AddonCreateModal.value(state, AddonRequests.NAME));
        put(parameters, AddonRequests.SERVICE, AddonCreateModal.value(state, AddonRequests.SERVICE));
        put(parameters, AddonRequests.ENV, AddonCreateModal.value(state, AddonRequests.ENV));
        parameters.put(AddonRequests.PARAMS, AddonRequests.paramsJson(raw));
        put(parameters, AddonRequests.CHANNEL, metadata.channel());
        AddonRequests.Checked checked = requests.check(parameters);
        if (!checked.ok()) {
            return plain(onTheForm(checked.problems(), form));
        }
        String answer = ApprovalReplies.reply(engine.submit(CreateAddon.NAME, Map.copyOf(parameters), userId, null, null),
                connection.slashCommand() + " addon create " + parameters.get(AddonRequests.OFFERING) + " "
                        + parameters.get(AddonRequests.PLAN) + " " + parameters.get(AddonRequests.NAME)).text();
        if (metadata.channel() == null) {
            outbox.enqueue(OutboundMessage.post(userId, answer, null));
        } else {
            afterAck.run("answering the add-on form", () -> gateway.postEphemeral(metadata.channel(), userId, answer, null));
        }
        return Map.of();
    }

    private static Optional<Plan> find(List<Offering> offerings, String chosen) {
        if (chosen == null || chosen.lastIndexOf('/') < 1) {
            return Optional.empty();
        }
        int slash = chosen.lastIndexOf('/');
        return offerings.stream().filter(o -> o.name().equals(chosen.substring(0, slash))).findFirst()
                .flatMap(o -> o.plan(chosen.substring(slash + 1)));
    }

    private static void put(Map<String, String> parameters, String key, String value) {
        if (value != null) {
            parameters.put(key, value);
        }
    }

    /**
     * Slack refuses {@code response_action: errors} naming a block the view does not have (and the person then sees
     * only "trouble connecting"), so a problem without a field of its own goes under the plan menu.
     */
    private static Map<String, String> onTheForm(Map<String, String> problems, PlanSchemaForm form) {
        Set<String> blocks = new HashSet<>(form.blockIds());
        blocks.addAll(List.of(AddonRequests.PLAN, AddonRequests.NAME, AddonRequests.SERVICE, AddonRequests.ENV));
        Map<String, String> placed = new LinkedHashMap<>();
        problems.forEach((block, text) -> placed.merge(blocks.contains(block) ? block : AddonRequests.PLAN, text,
                (a, b) -> a + "\n" + b));
        return placed;
    }

    /** Modal errors are plain text: no mrkdwn code marks or entities. */
    private static Map<String, String> plain(Map<String, String> errors) {
        Map<String, String> plain = new LinkedHashMap<>();
        errors.forEach((block, text) -> plain.put(block, text.replace("`", "").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&")));
        return plain;
    }
}
