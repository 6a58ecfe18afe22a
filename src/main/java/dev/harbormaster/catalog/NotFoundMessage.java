package dev.harbormaster.catalog;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Suggestions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** "No service named …" and "No team named …", with the closest names and how to list them. */
public final class NotFoundMessage {

    private NotFoundMessage() {
    }

    /** The named service for a gated action, or a refusal carrying this message's did-you-mean text. */
    static Service existingForAction(Catalog catalog, String typed, String slashCommand) {
        return catalog.service(typed == null ? "" : typed).orElseThrow(() -> new ActionRefusedException(
                service(catalog, typed, slashCommand).text()));
    }

    static CommandReply service(Catalog catalog, String typed, String slashCommand) {
        return CommandReply.ephemeral("No service named " + Mrkdwn.code(typed) + "."
                + suggestion(typed, catalog.serviceNamesLike(typed)) + importNotice(catalog)
                + "\nList services with `" + slashCommand + " services`, or search with `" + slashCommand
                + " services --query &lt;words&gt;`.");
    }

    public static CommandReply team(Catalog catalog, String typed, String slashCommand) {
        return CommandReply.ephemeral("No team named " + Mrkdwn.code(typed) + "." + suggestion(typed, catalog.teamNames())
                + importNotice(catalog) + "\nList teams with `" + slashCommand + " teams`.");
    }

    /** For commands that take either: "No service or team named …", with the closest of both. */
    public static CommandReply serviceOrTeam(Catalog catalog, String typed, String slashCommand) {
        List<String> names = new ArrayList<>(catalog.serviceNamesLike(typed));
        names.addAll(catalog.teamNames());
        return CommandReply.ephemeral("No service or team named " + Mrkdwn.code(typed) + "." + suggestion(typed, names)
                + importNotice(catalog) + "\nList them with `" + slashCommand + " services` and `" + slashCommand
                + " teams`.");
    }

    private static String suggestion(String typed, Collection<String> names) {
        String didYouMean = Suggestions.didYouMean(typed, names);
        return didYouMean.isEmpty() ? "" : " " + didYouMean;
    }

    private static String importNotice(Catalog catalog) {
        String notice = catalog.importNotice();
        return notice.isEmpty() ? "" : "\n:hourglass_flowing_sand: " + notice;
    }
}
