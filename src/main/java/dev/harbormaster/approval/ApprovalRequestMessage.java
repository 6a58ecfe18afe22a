package dev.harbormaster.approval;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.util.json.GsonFactory;
import dev.harbormaster.slack.BlockKit;
import dev.harbormaster.command.Mrkdwn;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/**
 * The message in the approvers' channel: posted once when a request is made, edited in place as votes
 * arrive and when it ends. Buttons carry only the request id; every click is re-read and re-authorised.
 */
public final class ApprovalRequestMessage {

    public static final String APPROVE_ACTION = "approval.approve";
    public static final String REJECT_ACTION = "approval.reject";
    public static final String ACKNOWLEDGE_ACTION = "approval.acknowledge";

    private ApprovalRequestMessage() {
    }

    public static String text(RequestState state) {
        ApprovalRequest r = state.request();
        if (r.emergency()) {
            return ":rotating_light: <!here> Break-glass " + ApprovalText.id(r.id) + " by " + ApprovalText.person(r.requesterId)
                    + ": " + r.summary + " ran without approval" + (r.awaitingReview() ? "; an approver must acknowledge it" : "");
        }
        return "Approval request " + ApprovalText.id(r.id) + " (" + ApprovalText.status(r.status) + "): " + r.summary;
    }

    public static String blocksJson(RequestState state) {
        return GsonFactory.createSnakeCase().toJson(blocks(state));
    }

    public static List<LayoutBlock> blocks(RequestState state) {
        ApprovalRequest r = state.request();
        List<LayoutBlock> blocks = new ArrayList<>();
        String title = r.emergency()
                ? ":rotating_light: <!here> *Break-glass " + ApprovalText.id(r.id) + "* · " + ApprovalText.code(r.action)
                + "\n*Ran without approval* because " + ApprovalText.person(r.requesterId) + " declared an emergency."
                : ":raised_hand: *Approval request " + ApprovalText.id(r.id) + "* · " + ApprovalText.code(r.action);
        blocks.add(section(s -> s.text(markdownText(BlockKit.cut(title + "\n" + r.summary, BlockKit.SECTION_TEXT)))));
        StringBuilder facts = new StringBuilder("*Requested by* " + ApprovalText.person(r.requesterId)
                + " at " + ApprovalText.time(r.createdAt));
        if (r.emergency()) {
            facts.append("\n*Emergency* ").append(ApprovalText.quote(r.emergencyReason));
        }
        if (r.reason != null) {
            facts.append("\n*Reason* ").append(ApprovalText.quote(r.reason));
        }
        if (!r.emergency() && r.status == ApprovalStatus.PENDING) {
            facts.append("\n*Expires* ").append(ApprovalText.time(r.expiresAt));
        }
        blocks.add(section(s -> s.text(markdownText(BlockKit.cut(facts.toString(), BlockKit.SECTION_TEXT)))));
        if (!r.emergency() && !state.requirements().isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(BlockKit.cut(requirements(state), BlockKit.SECTION_TEXT)))));
        }
        if (!state.votes().isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(BlockKit.cut(votes(state), BlockKit.SECTION_TEXT))))));
        }
        blocks.add(section(s -> s.text(markdownText(BlockKit.cut(outcome(r), BlockKit.SECTION_TEXT)))));
        List<BlockElement> buttons = new ArrayList<>();
        if (r.status == ApprovalStatus.PENDING) {
            buttons.add(button(b -> b.actionId(APPROVE_ACTION).text(plainText("Approve")).value(r.id.toString()).style("primary")));
            buttons.add(button(b -> b.actionId(REJECT_ACTION).text(plainText("Reject")).value(r.id.toString()).style("danger")));
        }
        if (r.awaitingReview()) {
            buttons.add(button(b -> b.actionId(ACKNOWLEDGE_ACTION).text(plainText("Acknowledge")).value(r.id.toString())));
        }
        if (!buttons.isEmpty()) {
            blocks.add(actions(a -> a.elements(buttons)));
        }
        return blocks;
    }

    private static String requirements(RequestState state) {
        StringBuilder text = new StringBuilder("*Needs* (every line)");
        for (RequestState.RequirementLine line : state.requirements()) {
            text.append("\n• *").append(Mrkdwn.escape(line.policy())).append("*: ")
                    .append(line.count()).append(" from ").append(line.who()).append(" — ");
            if (!line.approvers().isEmpty()) {
                text.append(":white_check_mark: ").append(ApprovalText.people(line.approvers()));
                if (line.missing() > 0) {
                    text.append(", ");
                }
            }
            if (line.missing() > 0) {
                text.append("still needs ").append(line.missing());
            }
        }
        if (!state.toAsk().isEmpty()) {
            text.append("\n*Asking* ").append(String.join(" ", state.toAsk()));
        }
        return text.toString();
    }

    private static String votes(RequestState state) {
        List<String> lines = new ArrayList<>();
        for (ApprovalVote vote : state.votes()) {
            lines.add(ApprovalText.person(vote.voterId) + (vote.approve() ? " approved" : " rejected") + " at "
                    + ApprovalText.time(vote.createdAt) + (vote.reason == null ? "" : ": " + ApprovalText.quote(vote.reason)));
        }
        return String.join("\n", lines);
    }

    private static String outcome(ApprovalRequest r) {
        String by = r.decidedBy == null ? "" : " by " + ApprovalText.person(r.decidedBy);
        String review = !r.emergency() ? ""
                : r.reviewedBy == null ? "\n:eyes: *Awaiting review*: an approver must acknowledge this emergency run."
                : "\n:eyes: Reviewed by " + ApprovalText.person(r.reviewedBy) + " at " + ApprovalText.time(r.reviewedAt) + ".";
        String outcome = r.outcome == null ? "" : ": " + r.outcome;
        return switch (r.status) {
            case PENDING -> ":hourglass_flowing_sand: *Waiting for approval.*";
            case APPROVED, EXECUTING -> ":gear: *Approved" + (r.emergency() ? " (emergency)" : by) + ", running…*";
            case SUCCEEDED -> ":white_check_mark: *Done*" + (r.emergency() ? "" : ", approved" + by) + outcome + review;
            case FAILED -> ":x: *Failed*" + outcome + review;
            case UNKNOWN -> ":grey_question: *Outcome unknown*" + outcome + review;
            case REJECTED -> ":no_entry: *Rejected" + by + "*" + (r.outcome == null ? "" : ": " + ApprovalText.quote(r.outcome))
                    + ". It will not run.";
            case EXPIRED -> ":hourglass: *Expired* at " + ApprovalText.time(r.expiresAt) + " without enough approvals. It will not run.";
            case CANCELLED -> ":heavy_multiplication_x: *Cancelled" + by + "*"
                    + (r.outcome == null ? "" : ": " + ApprovalText.quote(r.outcome)) + ". It will not run.";
        };
    }
}
