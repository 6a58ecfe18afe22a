package dev.harbormaster.catalog;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code team <name>}: the team card. */
@ApplicationScoped
public class ShowTeam implements PlatformCommand {

    @Inject
    Catalog catalog;
    @Inject
    SlackPeople people;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "team";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String name = invocation.argument("name").trim();
        return catalog.team(name).map(team -> TeamCardMessage.reply(team, catalog.ownedBy(team.name), people::mention))
                .orElseGet(() -> NotFoundMessage.team(catalog, name, connection.slashCommand()));
    }
}
