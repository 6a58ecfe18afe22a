package dev.harbormaster.catalog;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code service <name>}: the service card. */
@ApplicationScoped
public class ShowService implements PlatformCommand {

    @Inject
    Catalog catalog;
    @Inject
    SlackPeople people;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "service";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String name = invocation.argument("name").trim();
        return catalog.details(name).map(details -> ServiceCardMessage.reply(details, people::mention))
                .orElseGet(() -> NotFoundMessage.service(catalog, name, connection.slashCommand()));
    }
}
