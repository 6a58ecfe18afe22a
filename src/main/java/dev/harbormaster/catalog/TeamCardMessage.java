package dev.harbormaster.catalog;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.harbormaster.command.CommandReply;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

/** {@code team <name>}: channel, on-call, members and the services the team owns. */
final class TeamCardMessage {

    private TeamCardMessage() {
    }

    static CommandReply reply(Team team, List<Service> owned, Function<String, String> person) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String title = team.displayName == null || team.displayName.equals(team.name)
                ? team.name : team.displayName + " (" + team.name + ")";
        blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(title, 150)))));
        if (team.description != null && !team.description.isBlank()) {
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(Mrkdwn.escape(team.description), 3000)))));
        }
        List<TextObject> fields = new ArrayList<>();
        fields.add(markdownText("*Channel*\n" + Mrkdwn.channel(team.slackChannel)));
        fields.add(markdownText("*On-call*\n" + (team.onCall == null ? "—" : person.apply(team.onCall))));
        fields.add(markdownText("*Members*\n" + members(team.members, person)));
        fields.add(markdownText("*Parent team*\n" + Mrkdwn.orDash(team.parent)));
        blocks.add(section(s -> s.fields(fields)));
        String services = owned.isEmpty() ? "_Owns no services in the catalog._"
                : "*Services (" + owned.size() + ")*\n" + owned.stream()
                .map(s -> "• " + Mrkdwn.escape(s.name) + " — " + (s.tier == null ? "no tier" : "tier " + s.tier)
                        + ", " + Mrkdwn.orDash(s.lifecycle))
                .collect(Collectors.joining("\n"));
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(services, 3000)))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Source: " + Mrkdwn.escape(team.source))))));
        return CommandReply.ephemeral("Team " + Mrkdwn.escape(team.name), blocks);
    }

    static String members(List<String> members, Function<String, String> person) {
        if (members.isEmpty()) {
            return "—";
        }
        return Mrkdwn.truncate(members.stream().map(person).collect(Collectors.joining(", ")), 1900);
    }
}
