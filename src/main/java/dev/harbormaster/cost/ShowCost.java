package dev.harbormaster.cost;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.command.Suggestions;
import dev.harbormaster.slack.SlackConnection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code cost <service|team> [--window 30d]}: what it cost in the last days against the days before. */
@ApplicationScoped
public class ShowCost implements PlatformCommand {

    static final int MAX_DAYS = 366;
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,4})([dw])");

    @Inject
    CostReports reports;
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
        Optional<Integer> days = days(window);
        if (days.isEmpty()) {
            return CommandReply.ephemeral("The window " + Mrkdwn.echo(window) + " is not a number of days or weeks from 1 day to "
                    + MAX_DAYS + " days; try `--window 30d` or `--window 12w`.");
        }
        LocalDate today = LocalDate.now(reports.clock);
        LocalDate from = today.minusDays(days.get());
        return QuarkusTransaction.requiringNew().call(() -> {
            List<CostSource> sources = reports.sources();
            if (catalog.team(name).isPresent()) {
                return CostReportMessage.team(reports.forTeam(name, from, today, today), days.get(), sources);
            }
            if (catalog.service(name).isPresent() || name.equals(CostMapping.UNALLOCATED)) {
                return CostReportMessage.service(reports.forService(name, from, today), days.get(), sources);
            }
            List<String> names = new ArrayList<>(catalog.teamNames());
            names.addAll(catalog.serviceNames());
            String didYouMean = Suggestions.didYouMean(name, names);
            return CommandReply.ephemeral("No team or service named " + Mrkdwn.code(name) + "."
                    + (didYouMean.isEmpty() ? "" : " " + didYouMean) + "\nList them with `" + connection.slashCommand()
                    + " teams` or `" + connection.slashCommand() + " services`.");
        });
    }

    static Optional<Integer> days(String window) {
        Matcher matcher = WINDOW.matcher(window);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int count = Integer.parseInt(matcher.group(1)) * (matcher.group(2).equals("w") ? 7 : 1);
        return count < 1 || count > MAX_DAYS ? Optional.empty() : Optional.of(count);
    }
}
