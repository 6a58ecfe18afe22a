package dev.harbormaster.addon;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import dev.harbormaster.command.Mrkdwn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** The progress message of one provision or delete, in each of its states. Never shows a credential. */
final class AddonProgressMessage {

    private AddonProgressMessage() {
    }

    static String text(AddonInstance addon, boolean simulated) {
        String what = "add-on " + Mrkdwn.code(addon.name) + " (" + Mrkdwn.escape(addon.offering) + " "
                + Mrkdwn.escape(addon.plan) + ") for " + Mrkdwn.code(addon.service) + " in " + Mrkdwn.code(addon.environment);
        String elapsed = AddonSteps.human(Duration.between(addon.startedAt,
                addon.finishedAt == null ? Instant.now() : addon.finishedAt));
        return switch (addon.state) {
            case PROVISIONING -> ":hourglass_flowing_sand: Creating " + what + " (" + elapsed + " so far)";
            case BINDING -> ":hourglass_flowing_sand: Making the credentials of " + what + " (" + elapsed + " so far)";
            case READY -> ":white_check_mark: Ready after " + elapsed + ": " + what + ". Its credentials are in Secret "
                    + Mrkdwn.code(addon.secretName) + " in namespace " + Mrkdwn.code(addon.namespace) + " on cluster "
                    + Mrkdwn.code(addon.cluster) + (simulated ? " (simulated cluster)" : "") + ".";
            case FAILED -> ":x: Failed after " + elapsed + ": " + what + ". " + capitalised(Mrkdwn.escape(addon.detail));
            case DEPROVISIONING -> ":hourglass_flowing_sand: Deleting " + what + " (" + elapsed + " so far)";
            case DELETED -> ":wastebasket: Deleted after " + elapsed + ": " + what + ", with its credentials and Secret "
                    + Mrkdwn.code(addon.secretName) + ".";
        };
    }

    static List<LayoutBlock> blocks(AddonInstance addon, boolean simulated) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(text(addon, simulated)))));
        List<String> facts = new ArrayList<>();
        facts.add("*State:* " + addon.state.name().toLowerCase(java.util.Locale.ROOT));
        if (addon.state.busy() && addon.detail != null) {
            facts.add(Mrkdwn.escape(addon.detail));
        }
        if (addon.dashboardUrl != null && addon.state != AddonState.DELETED) {
            facts.add("*Dashboard:* " + dashboard(addon.dashboardUrl));
        }
        facts.add("broker " + Mrkdwn.code(addon.broker) + ", requested by <@" + addon.requestedBy + ">");
        blocks.add(context(c -> c.elements(List.of(markdownText(String.join(" · ", facts))))));
        return blocks;
    }

    static String blocksJson(AddonInstance addon, boolean simulated) {
        return GsonFactory.createSnakeCase().toJson(blocks(addon, simulated));
    }

    /** The broker's {@code dashboard_url}, only ever as a link with our words; anything else stays inert text. */
    static String dashboard(String url) {
        return Mrkdwn.link(url, "Open the dashboard");
    }

    static String capitalised(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String sentence = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return sentence.endsWith(".") || sentence.endsWith(")") ? sentence : sentence + ".";
    }
}
