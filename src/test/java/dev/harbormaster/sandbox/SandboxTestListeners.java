package dev.harbormaster.sandbox;

import com.slack.api.bolt.App;
import com.slack.api.model.view.ViewState;
import dev.harbormaster.slack.BoltListeners;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

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
 * through the real Bolt app without the /platform command registry.
 */
@ApplicationScoped
public class SandboxTestListeners implements BoltListeners {

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
