package dev.harbormaster.approval;

import dev.harbormaster.approval.PolicyEvaluator.Assessment;
import dev.harbormaster.slack.BlockKit;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

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
        explanation.broken().ifPresent(broken -> text.append("\n").append(broken));
        text.append("\n*Who may ask:* ").append(explanation.whoMayAsk())
                .append(explanation.requesters().policy().map(p -> " (policy " + ApprovalText.code(p.name()) + ")")
                        .orElse(" (the default: the owning team and the platform admins)"))
                .append(explanation.requesters().allowed() ? " — that includes you." : " — *not you*: you could not ask for it.");
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
        return CommandReply.ephemeral(BlockKit.cut(message, BlockKit.SECTION_TEXT), BlockKit.sections(message, BlockKit.MESSAGE_BLOCKS));
    }

    /** {@code policy check} alone: every policy loaded, with what it covers, who may ask and who approves. */
    public static CommandReply loaded(List<ApprovalPolicy> policies, List<ApproverSet> defaultRequesters, String slashCommand) {
        StringBuilder text = new StringBuilder("*" + policies.size() + " approval " + (policies.size() == 1 ? "policy" : "policies")
                + " loaded.* Where no policy says who may ask, only " + anyService(defaultRequesters)
                + " may ask for an action on a service. Check one command line with `" + slashCommand
                + " policy check <command>`.");
        for (ApprovalPolicy policy : policies) {
            text.append("\n\n*").append(Mrkdwn.escape(policy.name())).append("* (").append(Mrkdwn.escape(policy.source())).append(")")
                    .append("\n• covers ").append(words(policy.actions()));
            if (!policy.environments().isEmpty()) {
                text.append(" in ").append(words(policy.environments()));
            }
            if (!policy.tiers().isEmpty()) {
                text.append(" for tier ").append(String.join(", ", policy.tiers().stream().sorted().map(String::valueOf).toList()));
            }
            if (!policy.teams().isEmpty()) {
                text.append(" of teams ").append(words(policy.teams()));
            }
            if (!policy.severities().isEmpty()) {
                text.append(" on alerts of severity ").append(words(policy.severities()));
            }
            policy.longerThan().ifPresent(limit -> text.append(" lasting longer than ").append(ApprovalText.code(
                    limit.toHours() > 0 && limit.toMinutesPart() == 0 ? limit.toHours() + "h" : limit.toMinutes() + "m")));
            policy.requesters().ifPresent(sets -> text.append("\n• who may ask: ").append(anyService(sets)));
            policy.require().forEach(r -> text.append("\n• needs ").append(r.count()).append(" from ").append(anyService(List.of(r.from()))));
            policy.deny().forEach(rule -> text.append("\n• denies from chat").append(rule.tiers().isEmpty() ? ""
                    : " tier " + String.join(", ", rule.tiers().stream().sorted().map(String::valueOf).toList()))
                    .append(rule.environments().isEmpty() ? "" : " in " + words(rule.environments()))
                    .append(rule.teams().isEmpty() ? "" : " of teams " + words(rule.teams())));
        }
        String message = text.toString();
        return CommandReply.ephemeral(BlockKit.cut(message, BlockKit.SECTION_TEXT), BlockKit.sections(message, BlockKit.MESSAGE_BLOCKS));
    }

    /** Approver sets as they read for any service: "the owning team" rather than one team's name. */
    private static String anyService(List<ApproverSet> sets) {
        return String.join(" or ", sets.stream().map(set -> set instanceof ApproverSet.Owners ? "the owning team"
                : ApprovalText.approverSet(set, new ActionTarget(null, null, null, null))).toList());
    }

    private static String words(Collection<String> words) {
        return String.join(", ", words.stream().sorted().map(ApprovalText::code).toList());
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
