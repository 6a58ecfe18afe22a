package dev.harbormaster.deployment;

import dev.harbormaster.command.Mrkdwn;
import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** The answer to {@code history}: newest revision first, joined with Harbormaster's record of who changed what. */
final class HistoryMessage {

    private HistoryMessage() {
    }

    static CommandReply reply(DeploymentTarget target, List<ReplicaSet> revisions, long current, Map<Long, DeploymentRecord> records,
            String slashCommand) {
        StringBuilder text = new StringBuilder(":scroll: *Revisions of* " + target.describe());
        if (revisions.isEmpty()) {
            text.append("\nNo revisions yet.");
        }
        for (ReplicaSet rs : revisions) {
            long revision = WorkloadChanges.revision(rs);
            Map<String, String> annotations = Optional.ofNullable(rs.getMetadata().getAnnotations()).orElse(Map.of());
            String image = rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
            DeploymentRecord record = Optional.ofNullable(annotations.get(WorkloadAnnotations.CHANGE_ID))
                    .filter(id -> id.matches("\\d{1,18}")).map(Long::parseLong).map(records::get).orElse(null);
            text.append("\n• *").append(revision).append("*").append(revision == current ? " (current)" : "").append(" · ")
                    .append(Text.code(image)).append(" · ");
            if (record != null) {
                text.append(Mrkdwn.escape(record.kind.name().toLowerCase())).append(" by ").append(Text.person(record.actor))
                        .append(" at ").append(Text.time(record.startedAt.toInstant())).append(" (")
                        .append(Mrkdwn.escape(record.result.name().toLowerCase().replace('_', ' '))).append(")");
            } else {
                text.append(Text.time(created(rs))).append(" · ").append(Optional.ofNullable(annotations.get(WorkloadAnnotations.CHANGE_CAUSE))
                        .map(Mrkdwn::escape).orElse("made outside Harbormaster"));
            }
        }
        text.append("\nRoll back with ").append(Mrkdwn.code(slashCommand + " rollback " + target.service().name
                + " --env " + target.environment().name + " --to <revision>")).append('.');
        String body = text.toString();
        List<LayoutBlock> blocks = List.of(section(s -> s.text(markdownText(body))));
        return CommandReply.ephemeral(body, blocks);
    }

    private static Instant created(ReplicaSet rs) {
        try {
            return rs.getMetadata().getCreationTimestamp() == null ? null : Instant.parse(rs.getMetadata().getCreationTimestamp());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
