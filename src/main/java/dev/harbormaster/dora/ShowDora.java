package dev.harbormaster.dora;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.NotFoundMessage;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.DayWindow;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** {@code dora <team|service> [--window 30d]}: the four DORA measures, this window against the one before. */
@ApplicationScoped
public class ShowDora implements PlatformCommand {

    @Inject
    Catalog catalog;
    @Inject
    DoraReports reports;
    @Inject
    SlackConnection connection;
    @Inject
    Clock clock;

    @Override
    public String name() {
        return "dora";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String typed = invocation.argument("subject").trim();
        Optional<DayWindow> window = DayWindow.parse(invocation.option("window").orElse("30d"));
        if (window.isEmpty()) {
            return CommandReply.ephemeral(DayWindow.problem(invocation.option("window").orElse("")));
        }
        List<String> services;
        String subject;
        Optional<Service> service = catalog.service(typed);
        if (service.isPresent()) {
            services = List.of(service.get().name);
            subject = "service " + service.get().name;
        } else if (catalog.team(typed).isPresent()) {
            services = catalog.ownedBy(typed).stream().map(s -> s.name).toList();
            subject = "team " + typed;
        } else {
            return NotFoundMessage.serviceOrTeam(catalog, typed, connection.slashCommand());
        }
        DoraReports.Trend trend = reports.forServices(services, clock.instant(), window.get().duration());
        return DoraMessage.reply(subject, window.get(), trend.current(), trend.previous());
    }
}
