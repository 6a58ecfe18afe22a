package dev.harbormaster.cost;

import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.slack.BlockKit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The answer to {@code cost <team|service>}: totals against the previous period, per service, movers, month and budget. */
final class CostReportMessage {

    static final int LISTED_SERVICES = 20;
    private static final int NOTE_LENGTH = 300;

    private CostReportMessage() {
    }

    static CommandReply team(TeamCost cost, int days, List<CostSource> sources) {
        String currency = cost.currency();
        List<String> lines = new ArrayList<>();
        lines.add(":moneybag: *Cost of team " + Mrkdwn.code(cost.team()) + "*, last " + days + " days (" + cost.from() + " to "
                + cost.to().minusDays(1) + ")");
        if (!cost.hasData()) {
            lines.add("No cost recorded for this team's services in this period or the one before.");
        } else {
            lines.add("*Total:* " + CostFormat.money(cost.total(), currency) + " (previous " + days + " days: "
                    + CostFormat.money(cost.previousTotal(), currency) + ", " + CostFormat.change(cost.percentChange()) + ")");
            lines.add("*Per service:*");
            cost.services().stream().limit(LISTED_SERVICES).forEach(service -> lines.add("• " + Mrkdwn.code(service.service())
                    + " " + CostFormat.money(service.current(), currency) + " (was " + CostFormat.money(service.previous(), currency)
                    + ", " + CostFormat.change(service.percentChange()) + ")"));
            if (cost.services().size() > LISTED_SERVICES) {
                lines.add("…and " + (cost.services().size() - LISTED_SERVICES) + " more.");
            }
            if (!cost.topMovers().isEmpty()) {
                lines.add("*Top movers:* " + String.join(", ", cost.topMovers().stream()
                        .map(m -> Mrkdwn.code(m.service()) + " " + CostFormat.change(m.percentChange())).toList()));
            }
        }
        lines.add(monthLine(cost.monthToDate(), cost.monthForecast(), cost.budget(), currency));
        lines.add(sourcesLine(sources));
        cost.notes().stream().filter(note -> !note.startsWith("FOCUS files:") && !note.startsWith("OpenCost:"))
                .forEach(note -> lines.add("_" + Mrkdwn.escape(BlockKit.cut(note, NOTE_LENGTH)) + "_"));
        return reply(lines);
    }

    static CommandReply service(ServiceCostDetail cost, int days, List<CostSource> sources) {
        String currency = cost.currency();
        List<String> lines = new ArrayList<>();
        lines.add(":moneybag: *Cost of " + Mrkdwn.code(cost.service()) + "*" + (cost.team() == null ? "" : " (team "
                + Mrkdwn.code(cost.team()) + ")") + ", last " + days + " days (" + cost.from() + " to " + cost.to().minusDays(1) + ")");
        if (cost.total().signum() == 0 && cost.previousTotal().signum() == 0) {
            lines.add("No cost recorded for this service in this period or the one before.");
        } else {
            lines.add("*Total:* " + CostFormat.money(cost.total(), currency) + " (previous " + days + " days: "
                    + CostFormat.money(cost.previousTotal(), currency) + ", " + CostFormat.change(cost.percentChange()) + ")");
            for (Map.Entry<String, BigDecimal> source : cost.bySource().entrySet()) {
                lines.add("• from " + Mrkdwn.code(source.getKey()) + ": " + CostFormat.money(source.getValue(), currency));
            }
        }
        lines.add(sourcesLine(sources));
        cost.notes().stream().filter(note -> !note.startsWith("FOCUS files:") && !note.startsWith("OpenCost:"))
                .forEach(note -> lines.add("_" + Mrkdwn.escape(BlockKit.cut(note, NOTE_LENGTH)) + "_"));
        return reply(lines);
    }

    static String monthLine(BigDecimal monthToDate, BigDecimal forecast, Optional<Budget> budget, String currency) {
        String line = "*This month:* " + CostFormat.money(monthToDate, currency) + " so far, forecast "
                + CostFormat.money(forecast, currency);
        if (budget.isEmpty()) {
            return line + "; no budget set.";
        }
        BigDecimal amount = budget.get().amount();
        return line + " against a budget of " + CostFormat.money(amount, budget.get().currency()) + " ("
                + percent(monthToDate, amount) + " % spent, " + percent(forecast, amount) + " % forecast).";
    }

    private static String sourcesLine(List<CostSource> sources) {
        return "*Sources:* " + String.join("; ", sources.stream().map(source -> source.name() + ": "
                + Mrkdwn.escape(BlockKit.cut(source.detail(), NOTE_LENGTH))).toList());
    }

    private static String percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(BigDecimal.valueOf(100)).divide(whole, 0, RoundingMode.HALF_UP).toPlainString();
    }

    private static CommandReply reply(List<String> lines) {
        String text = String.join("\n", lines);
        return CommandReply.ephemeral(BlockKit.cut(text, BlockKit.MESSAGE_TEXT), BlockKit.sections(text, BlockKit.MESSAGE_BLOCKS));
    }
}
