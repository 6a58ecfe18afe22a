package dev.harbormaster.catalog;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code services [--team] [--tier] [--query] [--page]}: a page of services, with paging buttons. */
@ApplicationScoped
public class ListServices implements PlatformCommand {

    @Inject
    Catalog catalog;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "services";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String team = invocation.option("team").map(String::trim).filter(t -> !t.isEmpty()).orElse(null);
        Integer tier = invocation.intOption("tier").orElse(null);
        if (tier != null && (tier < 1 || tier > 4)) {
            return CommandReply.ephemeral("There is no tier " + tier + ": use `--tier 1`, 2, 3 or 4.");
        }
        String query = invocation.option("query").map(String::trim).filter(q -> !q.isEmpty()).orElse(null);
        int page = invocation.intOption("page").orElse(1);
        return page(new ServiceQuery(team, tier, query, page));
    }

    /** Also answers the paging buttons, so a click shows exactly what the command would. */
    CommandReply page(ServiceQuery query) {
        if (query.team() != null && catalog.team(query.team()).isEmpty()) {
            return NotFoundMessage.team(catalog, query.team(), connection.slashCommand());
        }
        return ServiceListMessage.reply(catalog.search(query), connection.slashCommand());
    }
}
