package dev.harbormaster.catalog;

import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** {@code teams}: every team with its channel and how many services it owns. */
final class TeamListMessage {

    /** Slack allows 50 blocks in a message; the rest is summarised. */
    private static final int MAX_TEAMS = 45;

    private TeamListMessage() {
    }

    static CommandReply reply(List<Team> teams, Map<String, Long> serviceCounts, String slashCommand) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String summary = teams.size() == 1 ? "*1 team* in the catalog" : "*" + teams.size() + " teams* in the catalog";
        blocks.add(section(s -> s.text(markdownText(summary))));
        for (Team team : teams.subList(0, Math.min(MAX_TEAMS, teams.size()))) {
            long count = serviceCounts.getOrDefault(team.name, 0L);
            String line = "*" + Mrkdwn.escape(team.name) + "*"
                    + (team.displayName == null ? "" : " (" + Mrkdwn.escape(team.displayName) + ")")
                    + " · " + Mrkdwn.channel(team.slackChannel) + " · " + (count == 1 ? "1 service" : count + " services");
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(line, 3000)))));
        }
        String more = teams.size() > MAX_TEAMS ? (teams.size() - MAX_TEAMS) + " more not shown. " : "";
        blocks.add(context(c -> c.elements(List.of(markdownText(more + "Details: `" + slashCommand + " team <name>`")))));
        return CommandReply.ephemeral(summary.replace("*", ""), blocks);
    }
}
