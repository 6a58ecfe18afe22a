package dev.harbormaster.approval;

import dev.harbormaster.command.Mrkdwn;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The small pieces of text every approval message uses, escaped for mrkdwn. */
final class ApprovalText {

    private static final Pattern USER_ID = Pattern.compile("^[UW][A-Z0-9]{2,}$");
    private static final Pattern USERGROUP_ID = Pattern.compile("^S[A-Z0-9]{2,}$");
    private static final Pattern CHANNEL_ID = Pattern.compile("^[CGD][A-Z0-9]{2,}$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ApprovalText() {
    }

    static String id(long requestId) {
        return "#" + requestId;
    }

    /** A Slack user id as a mention, anything else (an email) as text. */
    static String person(String member) {
        return member != null && USER_ID.matcher(member).matches() ? "<@" + member + ">" : Mrkdwn.escape(member);
    }

    static boolean isUserId(String member) {
        return member != null && USER_ID.matcher(member).matches();
    }

    /** A user group by id as a mention Slack notifies; a handle (whose id we do not hold) as text. */
    static String usergroup(String ref) {
        return USERGROUP_ID.matcher(ref).matches() ? "<!subteam^" + ref + ">" : "@" + Mrkdwn.escape(ref);
    }

    static String people(List<String> members) {
        return members.stream().map(ApprovalText::person).collect(Collectors.joining(", "));
    }

    static String channel(String channel) {
        return CHANNEL_ID.matcher(channel).matches() ? "<#" + channel + ">" : "#" + Mrkdwn.escape(channel);
    }

    static String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    static String code(String text) {
        return Mrkdwn.code(text);
    }

    /** User text quoted on one line, cut to a length a message can carry. */
    static String quote(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        if (oneLine.length() > 300) {
            oneLine = oneLine.substring(0, 299) + "…";
        }
        return "“" + Mrkdwn.escape(oneLine) + "”";
    }

    static String approverSet(ApproverSet set, ActionTarget target) {
        if (set instanceof ApproverSet.CatalogTeam team) {
            return "team " + code(team.name());
        }
        if (set instanceof ApproverSet.Usergroup group) {
            return "user group " + code(group.ref());
        }
        if (set instanceof ApproverSet.Users users) {
            return people(users.ids());
        }
        if (set instanceof ApproverSet.Anyone) {
            return "anyone in the workspace";
        }
        return target.owningTeam() == null ? "owners (none: the target has no owning team)"
                : "owners (team " + code(target.owningTeam()) + ")";
    }

    /** "owners (team `payments`) or team `platform`": who may ask for an action. */
    static String requesters(List<ApproverSet> sets, ActionTarget target) {
        return sets.stream().map(set -> approverSet(set, target)).collect(Collectors.joining(" or "));
    }

    static String requirement(Requirement requirement, ActionTarget target) {
        return requirement.count() + " from " + approverSet(requirement.from(), target);
    }

    /** "*policy*: requirement" for lists of what a request needs. */
    static String policyLine(String policy, String requirement) {
        return "*" + Mrkdwn.escape(policy) + "*: " + requirement;
    }

    static String status(ApprovalStatus status) {
        return switch (status) {
            case PENDING -> "waiting for approval";
            case APPROVED -> "approved";
            case EXECUTING -> "approved, running";
            case SUCCEEDED -> "done";
            case FAILED -> "failed";
            case UNKNOWN -> "outcome unknown";
            case REJECTED -> "rejected";
            case EXPIRED -> "expired";
            case CANCELLED -> "cancelled";
        };
    }
}
