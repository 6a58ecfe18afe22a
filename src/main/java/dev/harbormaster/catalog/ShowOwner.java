package dev.harbormaster.catalog;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code owner <service>}: who owns a service and how to reach them. */
@ApplicationScoped
public class ShowOwner implements PlatformCommand {

    @Inject
    Catalog catalog;
    @Inject
    OwnerCards ownerCards;
    @Inject
    CatalogSettings settings;
    @Inject
    SlackConnection connection;
    @Inject
    SlackPeople people;

    @Override
    public String name() {
        return "owner";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String name = invocation.argument("service").trim();
        return ownerCards.find(name).map(card -> OwnerMessage.reply(card, settings.adminTeam(), people::mention))
                .orElseGet(() -> NotFoundMessage.service(catalog, name, connection.slashCommand()));
    }
}
