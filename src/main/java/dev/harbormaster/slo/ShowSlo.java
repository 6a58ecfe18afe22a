package dev.harbormaster.slo;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.command.Suggestions;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** {@code slo <service>}: the service's SLOs measured now. Reads only; changes nothing. */
@ApplicationScoped
public class ShowSlo implements PlatformCommand {

    @Inject
    Catalog catalog;
    @Inject
    SloReports reports;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "slo";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String name = invocation.argument("service").trim();
        Optional<Service> service = catalog.service(name);
        if (service.isEmpty()) {
            String hint = Suggestions.didYouMean(name, catalog.serviceNamesLike(name));
            return CommandReply.ephemeral("No service named " + Mrkdwn.code(name) + "." + (hint.isEmpty() ? "" : " " + hint)
                    + "\nList services with `" + connection.slashCommand() + " services`.");
        }
        if (service.get().slos.isEmpty()) {
            return SloMessage.noSlos(service.get().name, connection.slashCommand());
        }
        return SloMessage.reply(service.get().name, reports.forService(service.get().name), connection.slashCommand());
    }
}
