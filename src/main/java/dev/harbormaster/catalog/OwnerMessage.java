package dev.harbormaster.catalog;

import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** {@code owner <service>}: who owns it, where to ask, and how to escalate. */
final class OwnerMessage {

    private OwnerMessage() {
    }

    static CommandReply reply(OwnerCard card, String adminTeam, Function<String, String> person) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (card.team().isEmpty()) {
            String text = "*" + Mrkdwn.escape(card.service()) + "* is owned by " + Mrkdwn.code(card.owner())
                    + ", which is not a team in the catalog, so there is no channel or on-call to point you to. "
                    + "Ask the " + Mrkdwn.code(adminTeam) + " team to fix the owner in the service's descriptor.";
            blocks.add(section(s -> s.text(markdownText(text))));
            return CommandReply.ephemeral("Owner of " + Mrkdwn.escape(card.service()) + ": " + Mrkdwn.escape(card.owner()), blocks);
        }
        OwnerCard.Contacts team = card.team().get();
        String heading = "*" + Mrkdwn.escape(card.service()) + "* is owned by *" + Mrkdwn.escape(team.name()) + "*"
                + (team.displayName() == null ? "" : " (" + Mrkdwn.escape(team.displayName()) + ")");
        String lines = heading
                + "\n*Channel:* " + Mrkdwn.channel(team.slackChannel())
                + "\n*On-call:* " + (team.onCall() == null ? "_none set_" : person.apply(team.onCall()))
                + "\n*Who to ask:* " + TeamCardMessage.members(team.members(), person);
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(lines, 3000)))));
        blocks.add(context(c -> c.elements(List.of(markdownText(escalation(card.tier(), team, adminTeam))))));
        return CommandReply.ephemeral("Owner of " + Mrkdwn.escape(card.service()) + ": " + Mrkdwn.escape(team.name()), blocks);
    }

    private static String escalation(Integer tier, OwnerCard.Contacts team, String adminTeam) {
        boolean critical = tier != null && tier <= 2;
        String where = team.slackChannel() == null ? "the team" : Mrkdwn.channel(team.slackChannel());
        if (team.onCall() == null) {
            return "No on-call is set: ask in " + where + "; if nobody answers, the " + Mrkdwn.code(adminTeam)
                    + " team can help find an owner.";
        }
        return critical
                ? "Tier " + tier + ": for an outage, page the on-call right away, then post in " + where + "."
                : "Not urgent? Ask in " + where + " first; page the on-call only for an outage.";
    }
}
