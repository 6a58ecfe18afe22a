package dev.harbormaster.cost;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.slack.BlockKit;
import dev.harbormaster.team.TeamRoute;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/** A team's month crossing 80 % or 100 % of its budget, actual or forecast. */
final class BudgetAlertMessage {

    private BudgetAlertMessage() {
    }

    static String text(Budget budget, TeamCost month, int threshold, boolean actual, TeamRoute route) {
        return "Budget " + threshold + " % " + (actual ? "reached" : "forecast") + " for team " + budget.team() + ": "
                + CostFormat.money(actual ? month.monthToDate() : month.monthForecast(), budget.currency()) + " of "
                + CostFormat.money(budget.amount(), budget.currency());
    }

    static String blocksJson(Budget budget, TeamCost month, int threshold, boolean actual, TeamRoute route, String slashCommand) {
        String monthName = month.from().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.from().getYear();
        String what = actual
                ? "has *spent " + percent(month.monthToDate(), budget.amount()) + " %* of its " + monthName + " budget (actual)"
                : "is *forecast to spend " + percent(month.monthForecast(), budget.amount()) + " %* of its " + monthName
                + " budget (forecast, not yet actual)";
        String text = (threshold >= 100 ? ":rotating_light:" : ":warning:") + " Team " + Mrkdwn.code(budget.team()) + " " + what
                + ", past the " + threshold + " % mark.\n"
                + "*Month to date (actual):* " + CostFormat.money(month.monthToDate(), budget.currency())
                + "\n*Forecast for the month:* " + CostFormat.money(month.monthForecast(), budget.currency())
                + "\n*Budget:* " + CostFormat.money(budget.amount(), budget.currency()) + " per month"
                + route.onCall().map(onCall -> "\n*On call:* " + onCall).orElse("")
                + "\nDetails: `" + slashCommand + " cost " + Mrkdwn.escape(budget.team()) + "`.";
        List<LayoutBlock> blocks = BlockKit.sections(text, BlockKit.MESSAGE_BLOCKS);
        return GsonFactory.createSnakeCase().toJson(blocks);
    }

    private static String percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(BigDecimal.valueOf(100)).divide(whole, 0, RoundingMode.DOWN).toPlainString();
    }
}
