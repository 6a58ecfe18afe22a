package dev.harbormaster.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.Views;

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

/**
 * The form the Reject button opens: a required reason. Its private_metadata says only which request and
 * where the click came from; on submit the request is re-read and the submitter re-authorised.
 */
public final class RejectReasonModal {

    public static final String CALLBACK = "approval.reject";
    public static final String REASON_BLOCK = "reason";
    public static final String REASON_INPUT = "reason_input";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param request the request the form is about; @param channel where the click came from, for the confirmation */
    public record Metadata(Long request, String channel) {
    }

    private RejectReasonModal() {
    }

    public static View view(long requestId, String summary, String channel) {
        return Views.view(v -> v.type("modal").callbackId(CALLBACK)
                .title(viewTitle(t -> t.type("plain_text").text("Reject " + ApprovalText.id(requestId))))
                .submit(viewSubmit(s -> s.type("plain_text").text("Reject")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(encode(new Metadata(requestId, channel)))
                .blocks(List.of(
                        section(s -> s.text(markdownText("*Reject request " + ApprovalText.id(requestId) + "*\n" + summary))),
                        input(i -> i.blockId(REASON_BLOCK).label(plainText("Why? The requester will see this."))
                                .element(plainTextInput(p -> p.actionId(REASON_INPUT).multiline(true).maxLength(Integer.valueOf(500))))))));
    }

    public static Metadata metadata(String privateMetadata) {
        try {
            return privateMetadata == null ? new Metadata(null, null) : JSON.readValue(privateMetadata, Metadata.class);
        } catch (JsonProcessingException e) {
            return new Metadata(null, null);
        }
    }

    public static Optional<String> reason(ViewState state) {
        return Optional.ofNullable(state).map(ViewState::getValues).map(values -> values.get(REASON_BLOCK))
                .map((Map<String, ViewState.Value> block) -> block.get(REASON_INPUT)).map(ViewState.Value::getValue)
                .filter(text -> !text.isBlank());
    }

    private static String encode(Metadata metadata) {
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a number and a string always serialise", e);
        }
    }
}
