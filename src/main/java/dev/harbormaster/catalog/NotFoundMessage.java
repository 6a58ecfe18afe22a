package dev.harbormaster.catalog;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Suggestions;

import java.util.Collection;

/** "No service named …" and "No team named …", with the closest names and how to list them. */
public final class NotFoundMessage {

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

    public static CommandReply team(String typed, Collection<String> names, String slashCommand) {
        return CommandReply.ephemeral("No team named " + Mrkdwn.code(typed) + "." + suggestion(typed, names)
                + "\nList teams with `" + slashCommand + " teams`.");
    }

    /** For commands that take either: "No service or team named …", with the closest of both. */
    public static CommandReply serviceOrTeam(String typed, Collection<String> services, Collection<String> teams,
                                             String slashCommand) {
        java.util.List<String> names = new java.util.ArrayList<>(services);
        names.addAll(teams);
        return CommandReply.ephemeral("No service or team named " + Mrkdwn.code(typed) + "." + suggestion(typed, names)
                + "\nList them with `" + slashCommand + " services` and `" + slashCommand + " teams`.");
    }

    private static String suggestion(String typed, Collection<String> names) {
        String didYouMean = Suggestions.didYouMean(typed, names);
        return didYouMean.isEmpty() ? "" : " " + didYouMean;
    }
}
