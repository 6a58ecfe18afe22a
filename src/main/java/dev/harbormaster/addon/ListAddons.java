package dev.harbormaster.addon;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;

/** {@code addon list [--service] [--team]}: live add-ons, optionally of one service or of a team's services. */
@ApplicationScoped
public class ListAddons implements PlatformCommand {

    @Inject
    AddonInstanceRepository instances;
    @Inject
    Catalog catalog;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "addon list";
    }

    @Override
    @Transactional
    public CommandReply execute(CommandInvocation invocation) {
        String service = invocation.option("service").orElse(null);
        String team = invocation.option("team").orElse(null);
        List<String> services = team == null ? null : catalog.ownedBy(team).stream().map((Service s) -> s.name).toList();
        String scope = service != null ? " of " + Mrkdwn.echo(service)
                : team != null ? " of team " + Mrkdwn.echo(team) : "";
        return AddonListMessage.reply(instances.liveOf(service, services), scope, connection.slashCommand());
    }
}
