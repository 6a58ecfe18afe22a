package dev.harbormaster.catalog;

import dev.harbormaster.notify.SlackDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;



/**
 * Renders catalog people (a Slack user id or an email) as Slack mentions, so "who to ask" is one click
 * away. Emails become ids through {@link SlackDirectory}, which remembers what Slack answered for every replica.
 * Answers are given in the acknowledgement, so only what is remembered is used: an email not seen before shows as
 * text this once and is looked up in the background (the catalog's emails are learned ahead of use anyway).
 */
@ApplicationScoped
public class SlackPeople {

    @Inject
    SlackDirectory directory;

    /** {@code <@U…>} when the person is known to Slack (as remembered), else the escaped text as written in the catalog. */
    public String mention(String member) {
        if (member == null || member.isBlank()) {
            return "—";
        }
        if (Mrkdwn.isSlackUserId(member)) {
            return "<@" + member + ">";
        }
        return directory.rememberedUserIdByEmail(member).map(id -> "<@" + id + ">").orElseGet(() -> Mrkdwn.escape(member));
    }
}
