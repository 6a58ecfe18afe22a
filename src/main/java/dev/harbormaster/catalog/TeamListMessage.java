package dev.harbormaster.catalog;

import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.slack.BlockKit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** {@code teams}: every team with its channel and how many services it owns, one line each, as many as Slack takes. */
final class TeamListMessage {

    private TeamListMessage() {
    }

    static CommandReply reply(List<Team> teams, Map<String, Long> serviceCounts, String slashCommand) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String summary = teams.size() == 1 ? "*1 team* in the catalog" : "*" + teams.size() + " teams* in the catalog";
        blocks.add(section(s -> s.text(markdownText(summary))));
        List<String> lines = new ArrayList<>();
        for (Team team : teams) {
            long count = serviceCounts.getOrDefault(team.name, 0L);
            lines.add("*" + Mrkdwn.escape(team.name) + "*"
                    + (team.displayName == null ? "" : " (" + Mrkdwn.escape(team.displayName) + ")")
                    + " · " + Mrkdwn.channel(team.slackChannel) + " · " + (count == 1 ? "1 service" : count + " services"));
        }
        if (!lines.isEmpty()) {
            blocks.addAll(BlockKit.sections(String.join("\n", lines), BlockKit.MESSAGE_BLOCKS - 2));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("Details: `" + slashCommand + " team <name>`")))));
        return CommandReply.ephemeral(summary.replace("*", ""), blocks);
    }
}
