package dev.harbormaster.addon;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code addons}: the marketplace, from the stored catalogs. */
@ApplicationScoped
public class ShowMarketplace implements PlatformCommand {

    @Inject
    AddonCatalog catalog;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "addons";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        return MarketplaceMessage.reply(catalog.offerings(), catalog.problems(), connection.slashCommand());
    }
}
