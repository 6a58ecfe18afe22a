package dev.harbormaster.catalog;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code teams}: every team in the catalog. */
@ApplicationScoped
public class ListTeams implements PlatformCommand {

    @Inject
    Catalog catalog;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "teams";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        return TeamListMessage.reply(catalog.teams(), catalog.serviceCountsByTeam(), connection.slashCommand());
    }
}
