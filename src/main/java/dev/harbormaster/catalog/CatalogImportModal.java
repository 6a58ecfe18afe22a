package dev.harbormaster.catalog;

import com.slack.api.model.view.View;

import java.util.List;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/** {@code catalog import} without YAML: a modal to paste Backstage descriptors into. */
final class CatalogImportModal {

    static final String CALLBACK = "catalog.import";
    static final String YAML_BLOCK = "yaml";

    private CatalogImportModal() {
    }

    static View build(String channel) {
        return view(v -> v.type("modal").callbackId(CALLBACK)
                .title(viewTitle(t -> t.type("plain_text").text("Import to the catalog")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Import")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(new ModalMetadata(null, channel).encode())
                .blocks(List.of(input(i -> i.blockId(YAML_BLOCK).label(plainText("Backstage YAML"))
                        .hint(plainText("Component, Group, User and System descriptors; separate documents with ---. "
                                + "All of it is imported, or nothing when something is invalid."))
                        .element(plainTextInput(p -> p.actionId(ServiceFormModal.VALUE).multiline(true)))))));
    }
}
