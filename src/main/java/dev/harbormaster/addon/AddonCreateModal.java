package dev.harbormaster.addon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.harbormaster.command.Mrkdwn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/**
 * The {@code addon create} form: first the offering and plan (choosing one redraws the form with that plan's
 * parameter fields, from its JSON schema), then name, service and environment. Block ids are the request's field
 * names, so {@link AddonRequests} problems go straight under the right input.
 */
final class AddonCreateModal {

    static final String CALLBACK = "addon.create";
    static final String PLAN_ACTION = "addon.create.plan";
    static final String VALUE = "value";
    /** Slack allows 100 options in a select. */
    private static final int MAX_PLANS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AddonCreateModal() {
    }

    /** private_metadata: where to answer, and which plan the fields were drawn for ("offering/plan"). */
    record Metadata(String channel, String plan) {
        String encode() {
            try {
                return JSON.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("two strings always serialise", e);
            }
        }

        static Metadata decode(String text) {
            try {
                return text == null || text.isBlank() ? new Metadata(null, null) : JSON.readValue(text, Metadata.class);
            } catch (JsonProcessingException e) {
                return new Metadata(null, null);
            }
        }
    }

    static String planValue(Offering offering, Plan plan) {
        return offering.name() + "/" + plan.name();
    }

    /** The form; {@code chosen} is the selected "offering/plan" (null at first), {@code form} its parameter fields. */
    static View form(List<Offering> offerings, String chosen, PlanSchemaForm form, String channel) {
        List<OptionObject> options = new ArrayList<>();
        for (Offering offering : offerings) {
            for (Plan plan : offering.plans()) {
                String label = offering.name() + " · " + plan.name() + (plan.free() ? " (free)" : " (paid)");
                options.add(option(plainText(label.length() > 75 ? label.substring(0, 74) + "…" : label),
                        planValue(offering, plan)));
            }
        }
        List<OptionObject> shown = options.stream().limit(MAX_PLANS).toList();
        OptionObject initial = shown.stream().filter(o -> o.getValue().equals(chosen)).findFirst().orElse(null);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(input(i -> i.blockId(AddonRequests.PLAN).label(plainText("Offering and plan")).dispatchAction(true)
                .element(staticSelect(s -> s.actionId(PLAN_ACTION).placeholder(plainText("Choose a plan"))
                        .options(shown).initialOption(initial)))));
        blocks.add(input(i -> i.blockId(AddonRequests.NAME).label(plainText("Name"))
                .hint(plainText("Lower-case letters, digits and '-'. Its credentials go to Secret addon-<name>."))
                .element(plainTextInput(p -> p.actionId(VALUE).maxLength(AddonRequests.MAX_NAME)
                        .placeholder(plainText("orders-db"))))));
        blocks.add(input(i -> i.blockId(AddonRequests.SERVICE).label(plainText("Service"))
                .element(plainTextInput(p -> p.actionId(VALUE).placeholder(plainText("payments-api"))))));
        blocks.add(input(i -> i.blockId(AddonRequests.ENV).label(plainText("Environment"))
                .element(plainTextInput(p -> p.actionId(VALUE).placeholder(plainText("production"))))));
        if (chosen == null) {
            blocks.add(context(c -> c.elements(List.of(markdownText("Choose a plan to see its parameters.")))));
        } else if (form.isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(form.emptyNote())))));
        } else {
            blocks.add(context(c -> c.elements(List.of(markdownText("*Parameters of " + Mrkdwn.escape(chosen) + "*")))));
            blocks.addAll(form.inputBlocks());
        }
        return view(v -> v.type("modal").callbackId(CALLBACK).title(viewTitle(t -> t.type("plain_text").text("Create an add-on")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Request")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(new Metadata(channel, chosen).encode())
                .blocks(blocks));
    }

    /** A text input's value, or a select's chosen value; null when blank. */
    static String value(ViewState state, String blockId) {
        Map<String, Map<String, ViewState.Value>> values = state == null || state.getValues() == null ? Map.of() : state.getValues();
        Map<String, ViewState.Value> block = values.get(blockId);
        if (block == null || block.isEmpty()) {
            return null;
        }
        ViewState.Value value = block.values().iterator().next();
        String text = value.getSelectedOption() != null ? value.getSelectedOption().getValue() : value.getValue();
        return text == null || text.isBlank() ? null : text.trim();
    }
}
