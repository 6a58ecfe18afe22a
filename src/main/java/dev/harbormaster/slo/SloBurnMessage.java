package dev.harbormaster.slo;

import dev.harbormaster.catalog.Slo;
import dev.harbormaster.command.Mrkdwn;

/** The fast-burn alert a team gets in its channel, and the notice in its thread when the burn is over. Mrkdwn text. */
final class SloBurnMessage {

    private SloBurnMessage() {
    }

    static String alert(String service, Slo slo, BurnRates rates, String runbookUrl, String onCall) {
        StringBuilder text = new StringBuilder();
        text.append(":rotating_light: *Fast burn* of SLO *").append(Mrkdwn.escape(slo.name())).append("* of ")
                .append(Mrkdwn.code(service)).append(" (").append(SloFormat.objective(slo.objective()))
                .append(slo.window() == null ? "" : " over " + Mrkdwn.escape(slo.window())).append(")\n");
        text.append("Burn rate 1h ").append(SloFormat.burn(rates.burn1h())).append(" (5m ").append(SloFormat.burn(rates.burn5m()))
                .append(") · 6h ").append(SloFormat.burn(rates.burn6h())).append(" (30m ").append(SloFormat.burn(rates.burn30m()))
                .append("): pages above ").append(SloFormat.burn(BurnRates.FAST_1H)).append(" over 1h and 5m, or ")
                .append(SloFormat.burn(BurnRates.SLOW_6H)).append(" over 6h and 30m\n");
        text.append("Error budget left: ").append(SloFormat.budget(rates.budgetLeft())).append('\n');
        text.append("Runbook: ").append(runbookUrl == null || runbookUrl.isBlank() ? "none in the catalog"
                : Mrkdwn.link(runbookUrl, "open the runbook"));
        if (onCall != null) {
            text.append("\nOn call: ").append(onCall);
        }
        return text.toString();
    }

    static String resolved(String service, Slo slo, String quietFor) {
        return ":white_check_mark: The fast burn of SLO *" + Mrkdwn.escape(slo.name()) + "* of " + Mrkdwn.code(service)
                + " is over: below the paging rates for " + quietFor + ".";
    }
}
