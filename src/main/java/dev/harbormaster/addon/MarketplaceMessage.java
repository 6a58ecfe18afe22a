package dev.harbormaster.addon;

import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

/** {@code addons}: every offering with its plans, whether each is free and bindable, and how to ask for one. */
final class MarketplaceMessage {

    /** Slack allows 50 blocks a message; an offering takes two or three. */
    private static final int MAX_OFFERINGS = 15;

    private MarketplaceMessage() {
    }

    static CommandReply reply(List<Offering> offerings, Map<String, String> problems, String slashCommand) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Add-on marketplace"))));
        if (offerings.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("No broker offers anything yet."))));
        }
        for (Offering offering : offerings.stream().limit(MAX_OFFERINGS).toList()) {
            StringBuilder text = new StringBuilder("*").append(Mrkdwn.escape(offering.displayName())).append("* ")
                    .append(Mrkdwn.code(offering.name()));
            if (offering.description() != null) {
                text.append("\n").append(Mrkdwn.escape(offering.description()));
            }
            for (Plan plan : offering.plans()) {
                text.append("\n• ").append(Mrkdwn.code(plan.name())).append(' ')
                        .append(plan.free() ? "free" : ":moneybag: paid").append(plan.bindable() ? ", bindable" : ", not bindable");
                if (plan.description() != null) {
                    text.append(": ").append(Mrkdwn.escape(plan.description()));
                }
            }
            String body = text.length() > 2900 ? text.substring(0, 2900) + "…" : text.toString();
            blocks.add(section(s -> s.text(markdownText(body))));
            blocks.add(context(c -> c.elements(List.of(markdownText("broker " + Mrkdwn.code(offering.broker())
                    + " · " + Mrkdwn.code(slashCommand + " addon create " + offering.name() + " "
                    + (offering.plans().isEmpty() ? "<plan>" : offering.plans().get(0).name())
                    + " <name> --service <service> --env <env>"))))));
        }
        if (offerings.size() > MAX_OFFERINGS) {
            blocks.add(context(c -> c.elements(List.of(markdownText("…and " + (offerings.size() - MAX_OFFERINGS) + " more.")))));
        }
        if (!problems.isEmpty()) {
            blocks.add(divider());
            List<String> lines = problems.entrySet().stream().map(e -> ":warning: broker " + Mrkdwn.code(e.getKey())
                    + ": " + Mrkdwn.escape(e.getValue())).toList();
            blocks.add(context(c -> c.elements(List.of(markdownText(String.join("\n", lines)
                    + "\n" + Mrkdwn.code(slashCommand + " addons refresh") + " tries again.")))));
        }
        String text = offerings.isEmpty() ? "No add-ons on offer yet."
                : "Add-on marketplace: " + String.join(", ", offerings.stream().map(Offering::name).toList());
        return CommandReply.ephemeral(Mrkdwn.escape(text), blocks);
    }
}
