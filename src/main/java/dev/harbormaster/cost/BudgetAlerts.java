package dev.harbormaster.cost;

import dev.harbormaster.notify.Outbox;
import dev.harbormaster.slack.SlackConnection;
import dev.harbormaster.team.TeamRouting;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * After each read of the sources: for every team with a budget, when this month's actual cost or its forecast has
 * crossed 80 % or 100 % of the budget, one message to the team's channel per team, month and threshold. The row in
 * {@code cost_budget_alert} and the outbox message are written in one transaction, and the row's primary key lets
 * only one replica (or one of two concurrent evaluations) write it.
 */
@ApplicationScoped
public class BudgetAlerts {

    static final List<Integer> THRESHOLDS = List.of(80, 100);
    private static final Logger LOG = Logger.getLogger(BudgetAlerts.class);

    @Inject
    Budgets budgets;
    @Inject
    CostReports reports;
    @Inject
    TeamRouting routing;
    @Inject
    Outbox outbox;
    @Inject
    EntityManager entityManager;
    @Inject
    SlackConnection connection;

    @Inject
    Clock clock;

    /** One alert that was posted (queued) by this evaluation. */
    public record Posted(String team, LocalDate month, int threshold, String basis) {
    }

    public List<Posted> evaluate() {
        return evaluate(LocalDate.now(clock));
    }

    /** One team's budget, now: right after it is set, so a budget already crossed says so at once. */
    public List<Posted> evaluateNow(Budget budget) {
        try {
            return evaluate(budget, LocalDate.now(clock));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Cost: evaluating the budget of team %s failed; the next poll tries again", budget.team());
            return List.of();
        }
    }

    /** Evaluates every budget as of {@code today}; returns the alerts this call queued (not those queued before). */
    public List<Posted> evaluate(LocalDate today) {
        List<Posted> posted = new ArrayList<>();
        for (Budget budget : QuarkusTransaction.requiringNew().call(budgets::all)) {
            try {
                posted.addAll(evaluate(budget, today));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Cost: evaluating the budget of team %s failed", budget.team());
            }
        }
        return posted;
    }

    private List<Posted> evaluate(Budget budget, LocalDate today) {
        TeamCost month = QuarkusTransaction.requiringNew().call(() -> reports.monthOf(budget.team(), today));
        if (!month.currency().equals(budget.currency())) {
            return List.of();
        }
        List<Posted> posted = new ArrayList<>();
        LocalDate monthStart = today.withDayOfMonth(1);
        for (int threshold : THRESHOLDS) {
            BigDecimal line = budget.amount().multiply(BigDecimal.valueOf(threshold)).divide(BigDecimal.valueOf(100));
            boolean actual = month.monthToDate().compareTo(line) >= 0;
            boolean forecast = month.monthForecast().compareTo(line) >= 0;
            if (!actual && !forecast) {
                continue;
            }
            String basis = actual ? "actual" : "forecast";
            boolean queued = QuarkusTransaction.requiringNew().call(() -> {
                int inserted = entityManager.createNativeQuery("insert into cost_budget_alert (team, month, threshold, basis) "
                                + "values (?1, ?2, ?3, ?4) on conflict do nothing")
                        .setParameter(1, budget.team()).setParameter(2, monthStart).setParameter(3, threshold)
                        .setParameter(4, basis).executeUpdate();
                if (inserted == 0) {
                    return false;
                }
                var route = routing.forTeam(budget.team());
                outbox.enqueue(routing.post(route, BudgetAlertMessage.text(budget, month, threshold, actual, route),
                                BudgetAlertMessage.blocksJson(budget, month, threshold, actual, route, connection.slashCommand()))
                        .withKey("cost-budget:" + budget.team() + ":" + monthStart + ":" + threshold));
                return true;
            });
            if (queued) {
                posted.add(new Posted(budget.team(), monthStart, threshold, basis));
                LOG.infof("Cost: budget alert for team %s, %s, %d %% (%s)", budget.team(), monthStart, threshold, basis);
            }
        }
        return posted;
    }
}
