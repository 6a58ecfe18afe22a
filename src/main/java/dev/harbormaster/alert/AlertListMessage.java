package dev.harbormaster.alert;

import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.slack.BlockKit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The answers of {@code alerts} and {@code silences}: what is firing now, and what is silenced. */
public final class AlertListMessage {

    private AlertListMessage() {
    }

    /** A firing group and where its message is (a Slack permalink), or null while it is not posted. */
    public record Line(AlertGroup group, String permalink) {
    }

    public static CommandReply firing(String scope, List<Line> lines, long total, Instant now) {
        List<String> text = new ArrayList<>();
        if (lines.isEmpty()) {
            text.add(":white_check_mark: Nothing is firing" + scope + ".");
        } else {
            text.add(":rotating_light: *" + total + (total == 1 ? " alert group" : " alert groups") + " firing" + scope + "*");
            for (Line line : lines) {
                AlertGroup group = line.group();
                String name = Mrkdwn.code(AlertGroupMessage.name(group), 80);
                text.add("• " + (line.permalink() == null ? name : "<" + line.permalink() + "|" + Mrkdwn.escape(
                        BlockKit.cut(AlertGroupMessage.name(group), 80)).replace("|", "¦") + ">")
                        + (group.severity == null ? "" : " · " + Mrkdwn.code(group.severity, 30))
                        + " · " + (group.service == null ? "no service" : Mrkdwn.code(group.service, 80))
                        + (group.environment == null ? "" : " in " + Mrkdwn.code(group.environment, 60))
                        + " · " + group.firingCount + " firing for " + AlertGroupMessage.duration(Duration.between(group.firstFiredAt, now))
                        + (group.acknowledgedBy == null ? "" : " · ack <@" + group.acknowledgedBy + ">")
                        + (group.silenced(now) ? " · silenced until " + AlertGroupMessage.time(group.silencedUntil) : ""));
            }
            if (total > lines.size()) {
                text.add("…and " + (total - lines.size()) + " more.");
            }
        }
        return reply(String.join("\n", text));
    }

    /** @param problems one line per Alertmanager that could not be asked */
    public static CommandReply silences(String scope, List<Map.Entry<String, AlertmanagerClient.Silence>> silences,
                                        List<String> problems) {
        List<String> text = new ArrayList<>();
        text.add(silences.isEmpty() ? ":bell: No active silences" + scope + "."
                : ":no_bell: *" + silences.size() + (silences.size() == 1 ? " silence" : " silences") + scope + "*");
        for (Map.Entry<String, AlertmanagerClient.Silence> entry : silences) {
            AlertmanagerClient.Silence silence = entry.getValue();
            text.add("• " + Mrkdwn.code(silence.id(), 64) + " " + silence.state()
                    + (silence.endsAt() == null ? "" : " until " + AlertGroupMessage.time(silence.endsAt()))
                    + " · " + SilenceAlerts.matchersText(silence.matchers())
                    + " · by " + Mrkdwn.escape(BlockKit.cut(silence.createdBy(), 120))
                    + (silence.comment().isBlank() ? "" : " · " + Mrkdwn.escape(BlockKit.cut(silence.comment(), 200)))
                    + " (Alertmanager " + Mrkdwn.code(entry.getKey(), 40) + ")");
        }
        problems.forEach(problem -> text.add(":warning: " + Mrkdwn.escape(problem)));
        return reply(String.join("\n", text));
    }

    private static CommandReply reply(String mrkdwn) {
        List<LayoutBlock> blocks = BlockKit.sections(mrkdwn, BlockKit.MESSAGE_BLOCKS);
        return CommandReply.ephemeral(BlockKit.cut(mrkdwn, 3000), blocks);
    }
}
