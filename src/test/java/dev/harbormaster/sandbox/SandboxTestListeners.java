package dev.harbormaster.sandbox;

import com.slack.api.app_backend.interactive_components.response.Option;
import com.slack.api.bolt.App;
import com.slack.api.model.view.ViewState;
import dev.harbormaster.slack.BoltListeners;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/**
 * Stand-in bot features for the sandbox tests, so that commands, clicks and modals can be driven end to end
 * through the real Bolt app without the /platform command registry. {@code /sandbox-every-input} opens a modal
 * with every input type the page has to draw, including an external_select the bot fills through block_suggestion.
 */
@ApplicationScoped
public class SandboxTestListeners implements BoltListeners {

    static final List<String> SUGGESTED_REGIONS = List.of("eu-west-1", "eu-west-2", "eu-central-1", "us-east-1");

    private static final String EVERY_INPUT = """
            {"type": "modal", "callback_id": "sandbox.test.every", "title": {"type": "plain_text", "text": "Every input"},
             "submit": {"type": "plain_text", "text": "Send"}, "close": {"type": "plain_text", "text": "Never mind"},
             "blocks": [
               {"type": "input", "block_id": "replicas", "label": {"type": "plain_text", "text": "Replicas"},
                "element": {"type": "number_input", "action_id": "n", "is_decimal_allowed": false, "min_value": "1"}},
               {"type": "input", "block_id": "notes", "optional": true, "label": {"type": "plain_text", "text": "Notes"},
                "element": {"type": "plain_text_input", "action_id": "t", "multiline": true}},
               {"type": "input", "block_id": "envs", "label": {"type": "plain_text", "text": "Environments"},
                "element": {"type": "multi_static_select", "action_id": "m", "options": [
                  {"text": {"type": "plain_text", "text": "staging"}, "value": "staging"},
                  {"text": {"type": "plain_text", "text": "production"}, "value": "production"}]}},
               {"type": "input", "block_id": "region", "label": {"type": "plain_text", "text": "Region"},
                "element": {"type": "external_select", "action_id": "sandbox.test.region", "min_query_length": 2}},
               {"type": "input", "block_id": "approver", "label": {"type": "plain_text", "text": "Approver"},
                "element": {"type": "users_select", "action_id": "u"}},
               {"type": "input", "block_id": "checks", "optional": true, "label": {"type": "plain_text", "text": "Checks"},
                "element": {"type": "checkboxes", "action_id": "c", "options": [
                  {"text": {"type": "plain_text", "text": "Smoke test"}, "value": "smoke"},
                  {"text": {"type": "mrkdwn", "text": "*Load* test"}, "value": "load"}]}},
               {"type": "input", "block_id": "speed", "label": {"type": "plain_text", "text": "Speed"},
                "element": {"type": "radio_buttons", "action_id": "r", "options": [
                  {"text": {"type": "plain_text", "text": "Canary"}, "value": "canary"},
                  {"text": {"type": "plain_text", "text": "All at once"}, "value": "all"}]}}
             ]}
            """;

    @Override
    public void register(App app) {
        app.command("/sandbox-echo", (req, ctx) -> {
            String text = req.getPayload().getText();
            boolean loud = text.startsWith("loud ");
            return ctx.ack(r -> r.responseType(loud ? "in_channel" : "ephemeral").text("echo: " + text)
                    .blocks(List.of(
                            section(s -> s.text(markdownText("echo: " + text))),
                            actions(a -> a.elements(List.of(
                                    button(b -> b.actionId("sandbox.test.click").value("approve").text(plainText("Approve"))),
                                    button(b -> b.actionId("sandbox.test.click").value("reject").text(plainText("Reject")))))))));
        });
        app.blockAction("sandbox.test.click", (req, ctx) -> {
            String value = req.getPayload().getActions().get(0).getValue();
            String verb = value.equals("approve") ? "approved" : "rejected";
            ctx.respond(r -> r.replaceOriginal(true).text(verb + " by " + req.getPayload().getUser().getUsername()));
            return ctx.ack();
        });
        app.command("/sandbox-form", (req, ctx) -> {
            var opened = ctx.client().viewsOpen(r -> r.triggerId(ctx.getTriggerId()).view(view(v -> v
                    .type("modal")
                    .callbackId("sandbox.test.form")
                    .privateMetadata(req.getPayload().getChannelId())
                    .title(viewTitle(t -> t.type("plain_text").text("Sandbox form")))
                    .submit(viewSubmit(s -> s.type("plain_text").text("Request")))
                    .blocks(List.of(
                            input(i -> i.blockId("env").label(plainText("Environment")).element(staticSelect(s -> s
                                    .actionId("env_select")
                                    .options(List.of(option(plainText("Staging"), "staging"),
                                            option(plainText("Production"), "production")))))),
                            input(i -> i.blockId("reason").label(plainText("Reason"))
                                    .element(plainTextInput(p -> p.actionId("reason_input")))),
                            actions(a -> a.elements(List.of(button(b -> b.actionId("sandbox.test.more")
                                    .text(plainText("More options")))))))))));
            return opened.isOk() ? ctx.ack() : ctx.ack("could not open the form: " + opened.getError());
        });
        app.blockAction("sandbox.test.more", (req, ctx) -> {
            ctx.client().viewsPush(r -> r.triggerId(req.getPayload().getTriggerId()).view(view(v -> v
                    .type("modal")
                    .callbackId("sandbox.test.more")
                    .title(viewTitle(t -> t.type("plain_text").text("More options")))
                    .blocks(List.of(section(s -> s.text(markdownText("Nothing more yet"))))))));
            return ctx.ack();
        });
        app.command("/sandbox-every-input", (req, ctx) -> {
            var opened = ctx.client().viewsOpen(r -> r.triggerId(ctx.getTriggerId()).viewAsString(EVERY_INPUT));
            return opened.isOk() ? ctx.ack() : ctx.ack("could not open the form: " + opened.getError());
        });
        app.blockSuggestion("sandbox.test.region", (req, ctx) -> {
            String typed = req.getPayload().getValue();
            return ctx.ack(r -> r.options(SUGGESTED_REGIONS.stream().filter(region -> region.contains(typed))
                    .map(region -> new Option(plainText(region.toUpperCase()), region)).toList()));
        });
        app.viewSubmission("sandbox.test.every", (req, ctx) -> {
            Map<String, Map<String, ViewState.Value>> values = req.getPayload().getView().getState().getValues();
            String replicas = values.get("replicas").get("n").getValue();
            if (Integer.parseInt(replicas) > 10) {
                return ctx.ackWithErrors(Map.of("replicas", "At most 10 replicas in the sandbox"));
            }
            List<ViewState.SelectedOption> checks = values.get("checks").get("c").getSelectedOptions();
            String summary = Stream.of(
                    "replicas=" + replicas,
                    "notes=" + values.get("notes").get("t").getValue(),
                    "envs=" + values.get("envs").get("m").getSelectedOptions().stream().map(ViewState.SelectedOption::getValue)
                            .collect(Collectors.joining("+")),
                    "region=" + values.get("region").get("sandbox.test.region").getSelectedOption().getValue(),
                    "approver=<@" + values.get("approver").get("u").getSelectedUser() + ">",
                    "checks=" + (checks == null ? "" : checks.stream().map(ViewState.SelectedOption::getValue).collect(Collectors.joining("+"))),
                    "speed=" + values.get("speed").get("r").getSelectedOption().getValue()).collect(Collectors.joining(" "));
            ctx.client().chatPostMessage(r -> r.channel(req.getPayload().getUser().getId()).text(summary));
            return ctx.ack();
        });
        app.viewSubmission("sandbox.test.form", (req, ctx) -> {
            Map<String, Map<String, ViewState.Value>> values = req.getPayload().getView().getState().getValues();
            String reason = values.get("reason").get("reason_input").getValue();
            String env = values.get("env").get("env_select").getSelectedOption().getValue();
            if (reason.equals("bad")) {
                return ctx.ackWithErrors(Map.of("reason", "Say why in words, e.g. \"hotfix for INC-42\""));
            }
            String channel = req.getPayload().getView().getPrivateMetadata();
            ctx.client().chatPostMessage(r -> r.channel(channel).text(req.getPayload().getUser().getUsername()
                    + " requested " + env + " because " + reason));
            return ctx.ack();
        });
    }
}
