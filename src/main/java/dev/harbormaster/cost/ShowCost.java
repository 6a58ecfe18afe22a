package dev.harbormaster.cost;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.catalog.NotFoundMessage;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.DayWindow;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** {@code cost <service|team> [--window 30d]}: what it cost in the last days against the days before. */
@ApplicationScoped
public class ShowCost implements PlatformCommand {


    @Inject
    CostReports reports;
    @Inject
    java.time.Clock clock;
    @Inject
    Catalog catalog;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "cost";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String name = invocation.argument("name").trim();
        String window = invocation.option("window").orElse("30d").trim();
        Optional<Integer> days = DayWindow.parse(window).map(DayWindow::days);
        if (days.isEmpty()) {
            return CommandReply.ephemeral(DayWindow.problem(window));
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate from = today.minusDays(days.get());
        return QuarkusTransaction.requiringNew().call(() -> {
            List<CostSource> sources = reports.sources();
            if (catalog.team(name).isPresent()) {
                return CostReportMessage.team(reports.forTeam(name, from, today, today), days.get(), sources);
            }
            if (catalog.service(name).isPresent() || name.equals(CostMapping.UNALLOCATED)) {
                return CostReportMessage.service(reports.forService(name, from, today), days.get(), sources);
            }
            return NotFoundMessage.serviceOrTeam(catalog, name, connection.slashCommand());
        });
    }
}
