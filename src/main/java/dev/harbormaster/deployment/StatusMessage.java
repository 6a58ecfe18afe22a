package dev.harbormaster.deployment;

import dev.harbormaster.command.Mrkdwn;
import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** The answer to {@code status}: one section per environment. */
final class StatusMessage {

    /** @param problem why the Deployment could not be read, or null */
    record EnvironmentStatus(DeploymentTarget target, Deployment deployment, DeploymentRecord lastChange, String problem) {
    }

    private StatusMessage() {
    }

    static CommandReply reply(String service, List<EnvironmentStatus> rows) {
        List<LayoutBlock> blocks = new ArrayList<>();
        StringBuilder text = new StringBuilder("Status of " + Text.code(service));
        blocks.add(section(s -> s.text(markdownText(":ship: *Status of " + Text.code(service) + "*"))));
        boolean simulated = false;
        for (EnvironmentStatus row : rows) {
            String body = body(row);
            text.append("\n").append(body);
            blocks.add(divider());
            blocks.add(section(s -> s.text(markdownText(body))));
            simulated |= row.target().workload().simulated();
        }
        if (simulated) {
            text.append("\n(simulated cluster)");
            blocks.add(context(c -> c.elements(List.of(markdownText("Answers come from the simulated cluster (sandbox).")))));
        }
        return CommandReply.ephemeral(text.toString(), blocks);
    }

    private static String body(EnvironmentStatus row) {
        DeploymentTarget target = row.target();
        String heading = "*" + Mrkdwn.escape(target.environment().name) + "* · " + Mrkdwn.escape(target.workload().describe());
        if (row.problem() != null) {
            return heading + "\n" + row.problem();
        }
        Deployment deployment = row.deployment();
        ImageReference image = ImageReference.parse(WorkloadChanges.container(deployment).getImage());
        RolloutProgress progress = RolloutProgress.of(deployment);
        StringBuilder out = new StringBuilder(heading)
                .append("\n*Version* ").append(Text.code(image.version())).append(" (").append(Text.code(image.toString())).append(")")
                .append("\n*Replicas* ").append(progress.desired()).append(" desired, ").append(progress.updated())
                .append(" updated, ").append(progress.ready()).append(" ready, ").append(progress.available()).append(" available")
                .append("\n*Rollout* ").append(Mrkdwn.escape(RolloutProgress.condition(deployment))).append(" — ")
                .append(Mrkdwn.escape(progress.detail()));
        Map<String, String> annotations = Optional.ofNullable(deployment.getMetadata().getAnnotations()).orElse(Map.of());
        DeploymentRecord last = row.lastChange();
        if (last != null) {
            out.append("\n*Last change* ").append(Mrkdwn.escape(last.kind.name().toLowerCase())).append(" by ")
                    .append(Text.person(last.actor)).append(" at ").append(Text.time(last.startedAt.toInstant()))
                    .append(" (").append(Mrkdwn.escape(last.result.name().toLowerCase().replace('_', ' '))).append(")");
        } else if (annotations.containsKey(WorkloadAnnotations.CHANGE_CAUSE)) {
            out.append("\n*Last change* ").append(Mrkdwn.escape(annotations.get(WorkloadAnnotations.CHANGE_CAUSE)));
        }
        return out.toString();
    }
}
