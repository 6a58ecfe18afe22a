package dev.harbormaster.catalog;

import java.util.regex.Pattern;

/** Slack mrkdwn helpers for catalog messages: every value from a descriptor or a user goes through here. */
final class Mrkdwn {

    private static final Pattern USER_ID = Pattern.compile("^[UW][A-Z0-9]{2,}$");
    private static final Pattern CHANNEL_ID = Pattern.compile("^[CG][A-Z0-9]{8,}$");

    private Mrkdwn() {
    }

    static String escape(String text) {
        return dev.harbormaster.command.Mrkdwn.escape(text);
    }

    static String code(String text) {
        return dev.harbormaster.command.Mrkdwn.code(text);
    }

    /** A Slack user id as a mention; anything else as escaped text. */
    static String person(String who) {
        return dev.harbormaster.command.Mrkdwn.person(who);
    }

    static boolean isSlackUserId(String member) {
        return USER_ID.matcher(member).matches();
    }

    /** A channel id as a channel link, a channel name as {@code #name}. */
    static String channel(String channel) {
        if (channel == null || channel.isBlank()) {
            return "_no channel set_";
        }
        return CHANNEL_ID.matcher(channel).matches() ? "<#" + channel + ">" : "#" + escape(channel);
    }

    /**
     * An address from a descriptor, as a link whose text is the address itself; the descriptor's title for it, if
     * any, stands beside it as plain text, so a title cannot pass off one site as another.
     */
    static String link(String url, String title) {
        if (url == null || url.isBlank()) {
            return "_not set_";
        }
        String shownTitle = title == null || title.isBlank() || title.equals(url) ? "" : escape(title) + " ";
        return shownTitle + dev.harbormaster.command.Mrkdwn.link(url);
    }

    static String orDash(String value) {
        return value == null || value.isBlank() ? "—" : escape(value);
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
