package dev.harbormaster.deployment.watch;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.kubernetes.Workload;
import java.util.List;
import java.util.stream.Collectors;

/** The notice in the owning team's channel that a workload's image changed outside Harbormaster. */
final class ExternalChangeMessage {

    static final String SOMEONE = "someone outside Harbormaster";

    private final String text;
    private final List<LayoutBlock> blocks;

    private ExternalChangeMessage(String text, List<LayoutBlock> blocks) {
        this.text = text;
        this.blocks = blocks;
    }

    static ExternalChangeMessage of(Workload workload, ExternalChange change, long recordId) {
        String where = "*" + Mrkdwn.escape(workload.service()) + "* in *" + Mrkdwn.escape(workload.environment())
                + "*";
        String images = change.images().stream()
                .map(update -> (change.images().size() > 1 ? Mrkdwn.escape(update.container()) + ": " : "")
                        + Mrkdwn.code(shown(update.fromImage(), update.toImage())) + " → "
                        + Mrkdwn.code(shown(update.toImage(), update.fromImage())))
                .collect(Collectors.joining(", "));
        String who = change.actor() == null ? SOMEONE : change.actor();
        String cluster = Mrkdwn.escape(workload.cluster()) + (workload.simulated() ? " (simulated cluster)" : "");
        String late = change.noticedLate() ? " (made while Harbormaster was not watching; noticed when it resumed)" : "";
        String line = ":arrows_counterclockwise: " + where + " changed outside Harbormaster: " + images + late;
        String details = "By " + Mrkdwn.echo(who) + " · cluster " + cluster + " · namespace "
                + Mrkdwn.escape(workload.namespace()) + " · Deployment " + Mrkdwn.escape(workload.deploymentName())
                + " · recorded as deployment " + recordId;
        // the notification text is mrkdwn too: an image or a user name from the cluster must not ping or link
        String text = Mrkdwn.escape(workload.service() + " (" + workload.environment() + ") changed outside Harbormaster: "
                + change.images().stream().map(update -> shown(update.fromImage(), update.toImage()) + " → "
                + shown(update.toImage(), update.fromImage())).collect(Collectors.joining(", "))
                + " by " + who + " on " + workload.cluster() + (workload.simulated() ? " (simulated cluster)" : "") + late);
        return new ExternalChangeMessage(text, List.of(
                section(section -> section.text(markdownText(line))),
                context(List.of(markdownText(details)))));
    }

    String text() {
        return text;
    }

    String blocksJson() {
        return GsonFactory.createSnakeCase().toJson(blocks);
    }

    /** Only the tag when the repository stayed the same ({@code 1.4.1 → 1.4.2}); the whole image otherwise. */
    private static String shown(String image, String other) {
        String repository = repository(image);
        return repository.equals(repository(other)) && repository.length() < image.length()
                ? image.substring(repository.length() + 1) : image;
    }

    private static String repository(String image) {
        int digest = image.indexOf('@');
        if (digest >= 0) {
            return image.substring(0, digest);
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }
}
