package dev.harbormaster.approval;

import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;

import java.util.List;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/**
 * How a gated command answers whoever typed it, whatever the engine decided. Every gated command renders
 * its {@link SubmitResult} here, so they all read the same.
 */
public final class ApprovalReplies {

    private ApprovalReplies() {
    }

    /** @param commandLine what to type to ask again, e.g. {@code /platform service delete x} (for the reason hint) */
    public static CommandReply reply(SubmitResult result, String commandLine) {
        String text = text(result, commandLine);
        List<LayoutBlock> blocks = List.of(section(s -> s.text(markdownText(text))));
        return CommandReply.ephemeral(text, blocks);
    }

    private static String text(SubmitResult result, String commandLine) {
        if (result instanceof SubmitResult.Executed executed) {
            return executed.emergency()
                    ? ":rotating_light: Done by break-glass " + ApprovalText.id(executed.requestId()) + ": " + executed.outcome()
                    + "\nThe approvers have been alerted; one of them must acknowledge the review."
                    : ":white_check_mark: " + executed.outcome();
        }
        if (result instanceof SubmitResult.Pending pending) {
            return ":hourglass_flowing_sand: Request " + ApprovalText.id(pending.requestId())
                    + " is waiting for approval in " + ApprovalText.channel(pending.channel()) + ". It needs:\n• "
                    + String.join("\n• ", pending.requirements()) + "\nIt expires at " + ApprovalText.time(pending.expiresAt())
                    + ". I'll send you a direct message when it is decided.";
        }
        if (result instanceof SubmitResult.Denied denied) {
            return ":no_entry: Not from chat: " + Mrkdwn.escape(denied.message())
                    + " (policy " + ApprovalText.code(denied.policy()) + ").";
        }
        if (result instanceof SubmitResult.NeedsReason needs) {
            return ":memo: Policy " + ApprovalText.code(needs.policy())
                    + " needs a reason. Ask again with a reason: `" + Mrkdwn.escape(commandLine) + " --reason \"…\"`.";
        }
        return ((SubmitResult.Refused) result).message();
    }
}
