package dev.harbormaster.catalog;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Suggestions;

import java.util.Collection;

/** "No service named …" and "No team named …", with the closest names and how to list them. */
final class NotFoundMessage {

    private NotFoundMessage() {
    }

    /** The named service for a gated action, or a refusal carrying this message's did-you-mean text. */
    static Service existingForAction(Catalog catalog, String typed, String slashCommand) {
        return catalog.service(typed == null ? "" : typed).orElseThrow(() -> new ActionRefusedException(
                service(typed, catalog.serviceNames(), slashCommand).text()));
    }

    static CommandReply service(String typed, Collection<String> names, String slashCommand) {
        return CommandReply.ephemeral("No service named " + Mrkdwn.code(typed) + "." + suggestion(typed, names)
                + "\nList services with `" + slashCommand + " services`, or search with `" + slashCommand
                + " services --query &lt;words&gt;`.");
    }

    static CommandReply team(String typed, Collection<String> names, String slashCommand) {
        return CommandReply.ephemeral("No team named " + Mrkdwn.code(typed) + "." + suggestion(typed, names)
                + "\nList teams with `" + slashCommand + " teams`.");
    }

    private static String suggestion(String typed, Collection<String> names) {
        String didYouMean = Suggestions.didYouMean(typed, names);
        return didYouMean.isEmpty() ? "" : " " + didYouMean;
    }
}
