package dev.harbormaster.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.Views;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.slack.BlockKit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/** The Silence… button's form: how long, and why (the silence's comment in Alertmanager). */
public final class SilenceModal {

    public static final String CALLBACK = "alert.silence";
    public static final String LENGTH_BLOCK = "length";
    public static final String LENGTH_INPUT = "length_input";
    public static final String REASON_BLOCK = "reason";
    public static final String REASON_INPUT = "reason_input";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param group the alert group; @param channel where the click came from, for the answer */
    public record Metadata(Long group, String channel) {
    }

    private SilenceModal() {
    }

    public static View view(long groupId, String name, String channel) {
        return Views.view(v -> v.type("modal").callbackId(CALLBACK)
                .title(viewTitle(t -> t.type("plain_text").text("Silence alerts")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Silence")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(encode(new Metadata(groupId, channel)))
                .blocks(List.of(
                        section(s -> s.text(markdownText("*Silence* " + Mrkdwn.escape(BlockKit.cut(name, 500))
                                + " in Alertmanager. Long silences of critical tier-1 production alerts need an owner's approval."))),
                        input(i -> i.blockId(LENGTH_BLOCK).label(plainText("For how long? e.g. 30m, 2h, 1h30m, 3d"))
                                .element(plainTextInput(p -> p.actionId(LENGTH_INPUT).maxLength(Integer.valueOf(20))))),
                        input(i -> i.blockId(REASON_BLOCK).label(plainText("Why? Alertmanager keeps it as the comment."))
                                .element(plainTextInput(p -> p.actionId(REASON_INPUT).multiline(true).maxLength(Integer.valueOf(500))))))));
    }

    public static Metadata metadata(String privateMetadata) {
        try {
            return privateMetadata == null ? new Metadata(null, null) : JSON.readValue(privateMetadata, Metadata.class);
        } catch (JsonProcessingException e) {
            return new Metadata(null, null);
        }
    }

    public static Optional<String> value(ViewState state, String block, String input) {
        return Optional.ofNullable(state).map(ViewState::getValues).map(values -> values.get(block))
                .map((Map<String, ViewState.Value> b) -> b.get(input)).map(ViewState.Value::getValue)
                .map(String::strip).filter(text -> !text.isEmpty());
    }

    private static String encode(Metadata metadata) {
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a number and a string always serialise", e);
        }
    }
}
