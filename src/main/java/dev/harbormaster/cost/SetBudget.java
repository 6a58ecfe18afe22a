package dev.harbormaster.cost;

import dev.harbormaster.approval.ActionParameters;
import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.approval.ApprovalAction;
import dev.harbormaster.approval.ApprovalEngine;
import dev.harbormaster.approval.ApprovalReplies;
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

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code budget <team> [<amount>] [--currency EUR] [--period month]}: without an amount, the team's budget; with one, a
 * gated action through the approval engine (policy {@code approvals/budget-changes.yaml}: platform admins set it at
 * once), so the request, its policy check and its audit entry are the same as every other change.
 */
@ApplicationScoped
public class SetBudget implements PlatformCommand, ApprovalAction {

    public static final String NAME = "budget";
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    static final String DEFAULT_CURRENCY = "USD";
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}(\\.\\d{1,2})?");

    @Inject
    BudgetAlerts alerts;
    @Inject
    ApprovalEngine engine;
    @Inject
    Budgets budgets;
    @Inject
    Catalog catalog;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String team = invocation.argument("team").trim();
        Optional<String> amount = invocation.optionalArgument("amount").map(String::trim).filter(a -> !a.isEmpty());
        if (amount.isEmpty()) {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (catalog.team(team).isEmpty()) {
                    return CommandReply.ephemeral(noSuchTeam(team));
                }
                return CommandReply.ephemeral(budgets.of(team).map(budget -> "Team " + Mrkdwn.code(team) + " has a budget of "
                                + CostFormat.money(budget.amount(), budget.currency()) + " per " + budget.period() + ".")
                        .orElse("Team " + Mrkdwn.code(team) + " has no budget. Set one with `" + connection.slashCommand()
                                + " budget " + Mrkdwn.escape(team) + " <amount> [--currency EUR]`."));
            });
        }
        Map<String, String> parameters = new TreeMap<>(ActionParameters.from(invocation));
        parameters.put("team", team);
        parameters.put("amount", amount.get());
        // The request stores the currency and period it will set, so approvers and the audit see them, not a default.
        String currency = invocation.option("currency").map(c -> c.trim().toUpperCase(Locale.ROOT)).orElseGet(() ->
                QuarkusTransaction.requiringNew().call(() -> budgets.of(team).map(Budget::currency).orElse(DEFAULT_CURRENCY)));
        parameters.put("currency", currency);
        parameters.put("period", invocation.option("period").map(p -> p.trim().toLowerCase(Locale.ROOT)).orElse("month"));
        Optional<String> problem = problem(parameters);
        if (problem.isPresent()) {
            return CommandReply.ephemeral(problem.get());
        }
        String retype = connection.slashCommand() + " budget " + team + " " + amount.get() + " --currency " + currency;
        return ApprovalReplies.reply(engine.submit(NAME, Map.copyOf(parameters), invocation.caller().userId(),
                invocation.option("reason").orElse(null), invocation.option("emergency").orElse(null)), retype);
    }

    @Override
    public ActionTarget target(Map<String, String> parameters) {
        Optional<String> problem = QuarkusTransaction.isActive() ? problem(parameters)
                : QuarkusTransaction.requiringNew().call(() -> problem(parameters));
        if (problem.isPresent()) {
            throw new ActionRefusedException(problem.get());
        }
        return new ActionTarget(null, parameters.get("team"), null, null);
    }

    @Override
    public String describe(Map<String, String> parameters) {
        return "Set the budget of team " + Mrkdwn.code(parameters.get("team")) + " to "
                + Mrkdwn.escape(CostFormat.money(new BigDecimal(parameters.get("amount")), parameters.get("currency")))
                + " per " + Mrkdwn.escape(parameters.get("period"));
    }

    /** Setting the same budget again changes nothing more. */
    @Override
    public boolean repeatable() {
        return true;
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        Budget budget = new Budget(parameters.get("team"), new BigDecimal(parameters.get("amount")), parameters.get("currency"),
                parameters.get("period"));
        Optional<Budget> previous = QuarkusTransaction.requiringNew().call(() -> {
            Optional<Budget> before = budgets.of(budget.team());
            budgets.set(budget, requesterId);
            return before;
        });
        alerts.evaluateNow(budget);
        return "Team " + Mrkdwn.code(budget.team()) + " now has a budget of " + CostFormat.money(budget.amount(), budget.currency())
                + " per month" + previous.map(p -> " (was " + CostFormat.money(p.amount(), p.currency()) + ")").orElse("") + ".";
    }

    /** Why these parameters cannot be set, in words the requester can act on; empty when they can. */
    Optional<String> problem(Map<String, String> parameters) {
        String team = parameters.getOrDefault("team", "");
        if (catalog.team(team).isEmpty()) {
            return Optional.of(noSuchTeam(team));
        }
        String amount = parameters.getOrDefault("amount", "");
        if (!AMOUNT.matcher(amount).matches()) {
            return Optional.of("The amount " + Mrkdwn.echo(amount) + " is not a number with at most 2 decimals, e.g. `5000` or `5000.50`.");
        }
        BigDecimal value = new BigDecimal(amount);
        if (value.signum() <= 0 || value.compareTo(MAX_AMOUNT) > 0) {
            return Optional.of("The amount must be more than 0 and at most 1,000,000,000,000.");
        }
        String currency = parameters.getOrDefault("currency", "");
        if (!isoCurrency(currency)) {
            return Optional.of("The currency " + Mrkdwn.echo(currency) + " is not an ISO 4217 code; use 3 letters such as `USD` or `EUR`.");
        }
        String period = parameters.getOrDefault("period", "");
        if (!period.equals("month")) {
            return Optional.of("Budgets per " + Mrkdwn.echo(period) + " are not supported yet; only `--period month` is.");
        }
        return Optional.empty();
    }

    static boolean isoCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String noSuchTeam(String team) {
        String didYouMean = Suggestions.didYouMean(team, catalog.teamNames());
        return "No team named " + Mrkdwn.code(team) + "." + (didYouMean.isEmpty() ? "" : " " + didYouMean)
                + "\nList teams with `" + connection.slashCommand() + " teams`.";
    }
}
