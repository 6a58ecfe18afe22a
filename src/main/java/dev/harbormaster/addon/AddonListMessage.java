package dev.harbormaster.addon;

import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** {@code addon list}: one line per add-on with its state. */
final class AddonListMessage {

    private static final int MAX_LINES = 40;

    private AddonListMessage() {
    }

    static CommandReply reply(List<AddonInstance> addons, String scope, String slashCommand) {
        if (addons.isEmpty()) {
            return CommandReply.ephemeral("No add-ons" + scope + ". Create one with "
                    + Mrkdwn.code(slashCommand + " addon create") + ".");
        }
        List<String> lines = new ArrayList<>();
        for (AddonInstance addon : addons.stream().limit(MAX_LINES).toList()) {
            lines.add(AddonStatusMessage.emoji(addon.state) + " " + Mrkdwn.code(addon.name) + " " + Mrkdwn.escape(addon.offering)
                    + " " + Mrkdwn.escape(addon.plan) + " · " + Mrkdwn.code(addon.service) + " in "
                    + Mrkdwn.code(addon.environment) + " · " + addon.state.name().toLowerCase(Locale.ROOT));
        }
        if (addons.size() > MAX_LINES) {
            lines.add("…and " + (addons.size() - MAX_LINES) + " more.");
        }
        String header = "*Add-ons" + scope + "* (" + addons.size() + ")";
        List<LayoutBlock> blocks = List.of(
                section(s -> s.text(markdownText(header + "\n" + String.join("\n", lines)))),
                context(c -> c.elements(List.of(markdownText("Details: "
                        + Mrkdwn.code(slashCommand + " addon status <name>"))))));
        return CommandReply.ephemeral(header + "\n" + String.join("\n", lines), blocks);
    }
}
