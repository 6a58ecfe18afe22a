package dev.harbormaster.digest;

import dev.harbormaster.catalog.DigestSchedule;
import dev.harbormaster.cost.TeamCost;
import dev.harbormaster.dora.DoraFigures;
import dev.harbormaster.slo.SloStatus;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Everything one digest says, gathered before anything is drawn or posted.
 *
 * @param from        first day of the period (team's zone)
 * @param to          the day after its last
 * @param due         when it was due; null for a preview
 * @param late        sent well after it was due (all replicas were down then)
 * @param cost        null when no cost source is configured or it failed ({@code costUnavailable} says which)
 * @param slos        per service; empty for a team without SLOs
 * @param chartFileId the uploaded chart, or null ({@code chartUnavailable} says why)
 */
public record DigestContent(String team, String teamTitle, DigestSchedule schedule, LocalDate from, LocalDate to,
                            ZonedDateTime due, boolean late, List<String> services,
                            TeamCost cost, String costUnavailable,
                            Map<String, List<SloStatus>> slos, String slosUnavailable,
                            DoraFigures dora, DoraFigures doraBefore, int doraDays,
                            String chartFileId, String chartUnavailable) {

    public DigestContent dueAt(ZonedDateTime dueTime) {
        return new DigestContent(team, teamTitle, schedule, from, to, dueTime, late, services, cost, costUnavailable, slos,
                slosUnavailable, dora, doraBefore, doraDays, chartFileId, chartUnavailable);
    }

    public DigestContent withChart(String fileId, String unavailable) {
        return new DigestContent(team, teamTitle, schedule, from, to, due, late, services, cost, costUnavailable, slos,
                slosUnavailable, dora, doraBefore, doraDays, fileId, unavailable);
    }
}
