package dev.harbormaster.deployment.manifest;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.ContextBlockElement;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import java.util.ArrayList;
import java.util.List;

/** The generated YAML as code blocks, each within Slack's 3000 characters per section. */
final class ManifestMessage {

    static final int SECTION_LIMIT = 3000;
    private static final String FENCE = "```";

    private ManifestMessage() {
    }

    static CommandReply reply(ServiceManifests manifests) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(section -> section.text(markdownText("*Kubernetes manifests for "
                + Mrkdwn.code(manifests.service()) + " in " + Mrkdwn.code(manifests.environment()) + "*: Deployment, "
                + "Service, HorizontalPodAutoscaler (autoscaling/v2) and PodDisruptionBudget, from the catalog. "
                + "Add them to your pipeline and have it replace " + Mrkdwn.code(ManifestGenerator.TAG_PLACEHOLDER)
                + " with the tag it built."))));
        for (String document : manifests.yamlDocuments()) {
            for (String chunk : chunks(document)) {
                blocks.add(section(section -> section.text(markdownText(FENCE + "\n" + chunk + FENCE))));
            }
        }
        if (!manifests.notes().isEmpty()) {
            List<ContextBlockElement> notes = new ArrayList<>();
            manifests.notes().forEach(note -> notes.add(markdownText(":warning: " + Mrkdwn.escape(note))));
            blocks.add(context(notes));
        }
        return CommandReply.ephemeral(Mrkdwn.escape("Kubernetes manifests for " + manifests.service() + " in "
                + manifests.environment()), blocks);
    }

    /** Whole lines, escaped for mrkdwn, so that each chunk with its fences fits one section. */
    static List<String> chunks(String yaml) {
        int room = SECTION_LIMIT - 2 * FENCE.length() - 1;
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : yaml.split("\n")) {
            String escaped = Mrkdwn.escape(line) + "\n";
            while (escaped.length() > room) {
                flush(current, chunks);
                chunks.add(escaped.substring(0, room));
                escaped = escaped.substring(room);
            }
            if (current.length() + escaped.length() > room) {
                flush(current, chunks);
            }
            current.append(escaped);
        }
        flush(current, chunks);
        return chunks;
    }

    private static void flush(StringBuilder current, List<String> chunks) {
        if (!current.isEmpty()) {
            chunks.add(current.toString());
            current.setLength(0);
        }
    }
}
