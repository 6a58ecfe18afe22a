package dev.harbormaster.approval;

import dev.harbormaster.approval.PolicyEvaluator.Assessment;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;

import java.time.Duration;
import java.util.List;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** The answer to {@code policy check}: what would happen, and each matching policy with what it needs. */
public final class PolicyCheckMessage {

    private PolicyCheckMessage() {
    }

    public static CommandReply notAnAction(String commandName) {
        return CommandReply.ephemeral(ApprovalText.code(commandName) + " does not change the platform, so no approval "
                + "policy applies: it runs for anyone who may use it.");
    }

    public static CommandReply explain(ApprovalEngine.Explanation explanation, String commandLine) {
        StringBuilder text = new StringBuilder("*Policy check* for " + Mrkdwn.echo(commandLine) + " (nothing was run)\n"
                + explanation.summary());
        text.append(verdict(explanation.assessment(), explanation.channel()));
        for (ApprovalPolicy policy : explanation.matching()) {
            text.append("\n\n*").append(Mrkdwn.escape(policy.name())).append("* (").append(Mrkdwn.escape(policy.source())).append(")");
            policy.denial(explanation.target()).ifPresent(message -> text.append("\n• denies it from chat: ").append(Mrkdwn.escape(message)));
            List<String> lines = explanation.requirementLines().getOrDefault(policy, List.of());
            lines.forEach(line -> text.append("\n• needs ").append(line));
            if (policy.denial(explanation.target()).isEmpty()) {
                text.append("\n• self-approval: ").append(policy.selfApproval() ? "allowed" : "not allowed");
                text.append(" · reason: ").append(policy.reasonRequired() ? "required (`--reason`)" : "optional");
                text.append(" · expires after: ").append(policy.expiresAfter().map(PolicyCheckMessage::duration).orElse("the default"));
                text.append(" · break-glass: ").append(policy.breakGlass() ? "allowed (`--emergency \"why\"`)" : "not allowed");
            }
        }
        String message = text.toString();
        return CommandReply.ephemeral(message, List.of(section(s -> s.text(markdownText(message)))));
    }

    private static String verdict(Assessment assessment, String channel) {
        if (assessment instanceof Assessment.Unrestricted) {
            return "\n:white_check_mark: No policy covers it: it would run at once.";
        }
        if (assessment instanceof Assessment.Denied denied) {
            return "\n:no_entry: Denied from chat by " + ApprovalText.code(denied.policy().name()) + ": "
                    + Mrkdwn.escape(denied.message());
        }
        String reason = assessment instanceof Assessment.ReasonNeeded needed
                ? " Policy " + ApprovalText.code(needed.policy().name()) + " also wants a reason (`--reason \"why\"`)." : "";
        return "\n:raised_hand: It would need approval, asked in " + ApprovalText.channel(channel) + "; every policy below must be satisfied."
                + reason;
    }

    private static String duration(Duration duration) {
        if (duration.toDays() > 0 && duration.toHours() % 24 == 0) {
            return duration.toDays() + "d";
        }
        if (duration.toHours() > 0 && duration.toMinutes() % 60 == 0) {
            return duration.toHours() + "h";
        }
        return duration.toMinutes() > 0 && duration.getSeconds() % 60 == 0 ? duration.toMinutes() + "m" : duration.getSeconds() + "s";
    }
}
