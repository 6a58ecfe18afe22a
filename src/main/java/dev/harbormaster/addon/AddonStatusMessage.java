package dev.harbormaster.addon;

import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** {@code addon status}: one add-on's card. It names the Secret; it never shows what is in it. */
final class AddonStatusMessage {

    private AddonStatusMessage() {
    }

    static String emoji(AddonState state) {
        return switch (state) {
            case READY -> ":large_green_circle:";
            case FAILED -> ":red_circle:";
            case DELETED -> ":white_circle:";
            default -> ":hourglass_flowing_sand:";
        };
    }

    static CommandReply reply(AddonInstance addon, boolean simulated) {
        String headline = emoji(addon.state) + " *" + Mrkdwn.escape(addon.name) + "* is *"
                + addon.state.name().toLowerCase(Locale.ROOT) + "*";
        List<String> lines = new ArrayList<>();
        lines.add("*Offering:* " + Mrkdwn.escape(addon.offering) + " " + Mrkdwn.escape(addon.plan) + " (broker "
                + Mrkdwn.code(addon.broker) + ")");
        lines.add("*For:* " + Mrkdwn.code(addon.service) + " in " + Mrkdwn.code(addon.environment)
                + (addon.team == null ? "" : ", team " + Mrkdwn.code(addon.team)));
        if (addon.state == AddonState.READY) {
            lines.add("*Credentials:* Secret " + Mrkdwn.code(addon.secretName) + " in namespace " + Mrkdwn.code(addon.namespace)
                    + " on cluster " + Mrkdwn.code(addon.cluster) + (simulated ? " (simulated cluster)" : ""));
        }
        if (addon.dashboardUrl != null) {
            lines.add("*Dashboard:* " + AddonProgressMessage.dashboard(addon.dashboardUrl));
        }
        if (addon.detail != null) {
            lines.add("*Last news:* " + Mrkdwn.escape(addon.detail));
        }
        Instant end = addon.finishedAt == null ? Instant.now() : addon.finishedAt;
        String since = (addon.state.busy() ? "running for " : "took ") + AddonSteps.human(Duration.between(addon.startedAt, end));
        String footer = "requested by <@" + addon.requestedBy + "> · created " + addon.createdAt.toString().substring(0, 16)
                .replace('T', ' ') + " UTC · last operation " + since;
        List<LayoutBlock> blocks = List.of(
                section(s -> s.text(markdownText(headline + "\n" + String.join("\n", lines)))),
                context(c -> c.elements(List.of(markdownText(footer)))));
        return CommandReply.ephemeral(headline + "\n" + String.join("\n", lines), blocks);
    }
}
