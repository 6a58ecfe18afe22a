package dev.harbormaster.approval;

import java.util.List;

/**
 * A request as its messages show it: the row, the votes, and for each requirement of each policy who
 * counted toward it and how many are still needed.
 */
/**
 * @param toAsk mentions of the people (or user groups) who could still approve, so that Slack notifies them
 */
public record RequestState(ApprovalRequest request, List<ApprovalVote> votes, List<RequirementLine> requirements,
                           List<String> toAsk) {

    /** @param who mrkdwn naming the approver set, e.g. "owners (team `payments`)" */
    public record RequirementLine(String policy, int count, String who, List<String> approvers, int missing) {
    }
}
