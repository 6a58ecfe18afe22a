package dev.harbormaster.approval;

import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.command.CommandReply;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** The answer to {@code approvals}: three short lists, each line a request with what to type next. */
public final class ApprovalListMessage {

    private ApprovalListMessage() {
    }

    public static CommandReply reply(ApprovalEngine.Overview overview, String slashCommand) {
        List<LayoutBlock> blocks = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        parts.add(part("*Your pending requests*", overview.mine(), r -> "cancel with `" + slashCommand + " approvals cancel " + r.id + "`"));
        parts.add(part("*Waiting for your vote*", overview.waitingForMe(), r -> "from " + ApprovalText.person(r.requesterId)
                + " · `" + slashCommand + " approve " + r.id + "` or `" + slashCommand + " reject " + r.id + " &lt;reason&gt;`"));
        parts.add(part("*Emergency runs to review*", overview.toReview(), r -> "by " + ApprovalText.person(r.requesterId)
                + " · click Acknowledge on its message in " + ApprovalText.channel(r.channel)));
        parts.forEach(text -> blocks.add(section(s -> s.text(markdownText(text)))));
        String text = overview.mine().size() + " pending of yours, " + overview.waitingForMe().size() + " waiting for you, "
                + overview.toReview().size() + " to review";
        return CommandReply.ephemeral(text, blocks);
    }

    private static String part(String title, List<ApprovalRequest> requests, Function<ApprovalRequest, String> next) {
        if (requests.isEmpty()) {
            return title + "\n_none_";
        }
        StringBuilder text = new StringBuilder(title);
        for (ApprovalRequest request : requests) {
            text.append("\n• *").append(ApprovalText.id(request.id)).append("* ").append(request.summary)
                    .append(request.emergency() ? "" : " · expires " + ApprovalText.time(request.expiresAt))
                    .append(" · ").append(next.apply(request));
        }
        return text.toString();
    }
}
