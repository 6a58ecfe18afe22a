package dev.harbormaster.approval;

/** The direct messages the requester gets: asked, and how it ended. */
final class RequesterNotices {

    private RequesterNotices() {
    }

    static String requested(ApprovalRequest request, String slashCommand) {
        return ":hourglass_flowing_sand: Your request " + ApprovalText.id(request.id) + " is waiting for approval in "
                + ApprovalText.channel(request.channel) + ": " + request.summary + ". It expires at "
                + ApprovalText.time(request.expiresAt) + ". Withdraw it with `" + slashCommand + " approvals cancel "
                + request.id + "`.";
    }

    /** When the approvers' channel could not take the request; the outbox puts where it went in place of {channel}. */
    static String rerouted(ApprovalRequest request) {
        return ":information_source: Your request " + ApprovalText.id(request.id) + " could not be posted in "
                + ApprovalText.channel(request.channel) + ", so it is waiting for approval in {channel} instead.";
    }

    static String rejected(ApprovalRequest request) {
        return ":no_entry: Your request " + ApprovalText.id(request.id) + " was rejected by "
                + ApprovalText.person(request.decidedBy) + (request.outcome == null ? "" : ": " + ApprovalText.quote(request.outcome))
                + ". " + request.summary + " will not happen.";
    }

    static String finished(ApprovalRequest request) {
        return switch (request.status) {
            case SUCCEEDED -> ":white_check_mark: Your request " + ApprovalText.id(request.id) + " is done: " + request.outcome;
            case FAILED -> ":x: Your request " + ApprovalText.id(request.id) + " was approved but failed: " + request.outcome;
            case UNKNOWN -> ":grey_question: Your request " + ApprovalText.id(request.id) + " was approved and started, but "
                    + request.outcome;
            case EXPIRED -> ":hourglass: Your request " + ApprovalText.id(request.id) + " expired without enough approvals: "
                    + request.summary + " will not happen. Ask again if it is still needed.";
            default -> "Your request " + ApprovalText.id(request.id) + " is " + ApprovalText.status(request.status) + ".";
        };
    }
}
