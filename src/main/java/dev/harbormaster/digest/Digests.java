package dev.harbormaster.digest;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.DigestSchedule;
import dev.harbormaster.catalog.Team;
import dev.harbormaster.cost.CostReports;
import dev.harbormaster.cost.TeamCost;
import dev.harbormaster.dora.DoraReports;
import dev.harbormaster.notify.Outbox;
import dev.harbormaster.notify.SlackGateway;
import dev.harbormaster.slo.SloReports;
import dev.harbormaster.slo.SloStatus;
import dev.harbormaster.team.TeamRoute;
import dev.harbormaster.team.TeamRouting;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a team's digest and sends it once per due time. The chart is uploaded first (a file shared to no channel,
 * shown by the message's image block), then one transaction claims the (team, due time) row and queues the message
 * and its detail thread in the outbox: a second replica, or a restart that fires the same due time again, finds the
 * row and sends nothing; a lost race leaves at most an unshared chart file behind.
 */
@ApplicationScoped
public class Digests {

    private static final Logger LOG = Logger.getLogger(Digests.class);

    @Inject
    Catalog catalog;
    @Inject
    DigestSchedules schedules;
    @Inject
    DigestSettings settings;
    @Inject
    CostReports costs;
    @Inject
    SloReports slos;
    @Inject
    DoraReports dora;
    @Inject
    SlackGateway slack;
    @Inject
    TeamRouting routing;
    @Inject
    Outbox outbox;
    @Inject
    EntityManager entities;
    @Inject
    Clock clock;

    /** What happened to a scheduled fire. */
    public enum Outcome { SENT, SENT_LATE, ALREADY_SENT, NO_SUCH_TEAM }

    /** A fire of the team's trigger at {@code firedAt}: sends the digest due at or before it, unless it went already. */
    public Outcome sendScheduled(String teamName, Instant firedAt) {
        Optional<DigestSchedules.TeamSchedule> schedule = QuarkusTransaction.requiringNew().call(() -> schedules.forTeam(teamName));
        if (schedule.isEmpty()) {
            LOG.infof("A digest fired for team %s, which is no longer in the catalog; nothing sent", teamName);
            return Outcome.NO_SUCH_TEAM;
        }
        DigestSchedule when = schedule.get().schedule();
        ZonedDateTime due = when.latestDueAtOrBefore(firedAt.atZone(when.zone()));
        if (alreadySent(teamName, due.toInstant())) {
            return Outcome.ALREADY_SENT;
        }
        boolean late = Duration.between(due.toInstant(), firedAt).compareTo(settings.lateAfter()) > 0;
        DigestContent content = QuarkusTransaction.requiringNew().call(() -> build(teamName, when.previousDue(due).toLocalDate(),
                due.toLocalDate(), due.toInstant(), late)).dueAt(due);
        content = withUploadedChart(content);
        DigestContent sending = content;
        boolean sent = QuarkusTransaction.requiringNew().call(() -> claimAndQueue(sending));
        if (!sent) {
            return Outcome.ALREADY_SENT;
        }
        LOG.infof("Digest for team %s due %s queued%s", teamName, due, late ? " (late)" : "");
        return late ? Outcome.SENT_LATE : Outcome.SENT;
    }

    /** The digest as it would read now, for one person: the last full period up to today, nothing recorded. */
    public Optional<DigestContent> preview(String teamName) {
        Optional<DigestSchedules.TeamSchedule> schedule = QuarkusTransaction.requiringNew().call(() -> schedules.forTeam(teamName));
        if (schedule.isEmpty()) {
            return Optional.empty();
        }
        DigestSchedule when = schedule.get().schedule();
        // A whole period as long as the next digest's, ending with yesterday: what the team would read if it were due today.
        ZonedDateTime now = clock.instant().atZone(when.zone());
        ZonedDateTime next = when.nextDue(now, 1).get(0);
        long days = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(when.previousDue(next).toLocalDate(), next.toLocalDate()));
        LocalDate to = now.toLocalDate();
        DigestContent content = QuarkusTransaction.requiringNew().call(() -> build(teamName, to.minusDays(days), to, now.toInstant(), false));
        return Optional.of(withUploadedChart(content));
    }

    /** Gathers the figures for the days [from, to); DORA looks back its own window from {@code until}. */
    DigestContent build(String teamName, LocalDate from, LocalDate to, Instant until, boolean late) {
        Team team = catalog.team(teamName).orElseThrow();
        DigestSchedule schedule = schedules.forTeam(teamName).orElseThrow().schedule();
        List<String> services = catalog.ownedBy(teamName).stream().map(s -> s.name).toList();
        TeamCost cost = null;
        String costUnavailable = null;
        try {
            cost = costs.forTeam(teamName, from, to);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Cost for the digest of team %s could not be read", teamName);
            costUnavailable = "cost could not be read (" + e.getClass().getSimpleName() + "); see the bot's log";
        }
        Map<String, List<SloStatus>> sloStatus = Map.of();
        String slosUnavailable = null;
        try {
            sloStatus = slos.forServices(services);
        } catch (RuntimeException e) {
            LOG.warnf(e, "SLOs for the digest of team %s could not be read", teamName);
            slosUnavailable = "SLOs could not be read (" + e.getClass().getSimpleName() + "); see the bot's log";
        }
        Duration doraWindow = settings.doraWindow();
        DoraReports.Trend delivery = dora.forServices(services, until, doraWindow);
        String title = team.displayName == null || team.displayName.isBlank() ? team.name : team.displayName;
        return new DigestContent(team.name, title, schedule, from, to, null, late, services, cost, costUnavailable,
                sloStatus, slosUnavailable, delivery.current(), delivery.previous(), (int) doraWindow.toDays(), null, null);
    }

    private DigestContent withUploadedChart(DigestContent content) {
        if (content.cost() == null || content.cost().dailyByService().isEmpty()) {
            return content.withChart(null, content.cost() == null ? "no cost data" : "no cost recorded in the period");
        }
        try {
            byte[] png = CostChart.png("Daily cost · " + content.teamTitle(), content.cost().currency(), content.cost().dailyByService());
            String fileId = slack.uploadPrivateFile(png, "cost-" + content.team() + "-" + content.to() + ".png",
                    "Daily cost per service, " + content.teamTitle(), "Line chart of daily cost per service for team "
                            + content.team() + " from " + content.from() + " to " + content.to().minusDays(1));
            return content.withChart(fileId, null);
        } catch (SlackGateway.SlackCallFailed e) {
            LOG.warnf("The digest chart for team %s could not be uploaded: %s", content.team(), e.getMessage());
            return content.withChart(null, "the chart could not be uploaded to Slack (" + e.error() + ")");
        } catch (RuntimeException | Error e) {
            LOG.warnf(e, "The digest chart for team %s could not be drawn", content.team());
            return content.withChart(null, "the chart could not be drawn");
        }
    }

    private boolean alreadySent(String team, Instant due) {
        return QuarkusTransaction.requiringNew().call(() -> !entities.createNativeQuery(
                        "select 1 from digest_sent where team = :team and due_at = :due")
                .setParameter("team", team).setParameter("due", due.atOffset(java.time.ZoneOffset.UTC))
                .getResultList().isEmpty());
    }

    /** One row per (team, due time), inserted with the outbox rows in one transaction: sent once, or not at all. */
    private boolean claimAndQueue(DigestContent content) {
        String key = "digest:" + content.team() + ":" + content.due().toInstant().getEpochSecond();
        int claimed = entities.createNativeQuery("""
                        insert into digest_sent (team, due_at, late, outbox_key) values (:team, :due, :late, :key)
                        on conflict on constraint digest_sent_once do nothing""")
                .setParameter("team", content.team()).setParameter("due", content.due().toInstant().atOffset(java.time.ZoneOffset.UTC))
                .setParameter("late", content.late()).setParameter("key", key)
                .executeUpdate();
        if (claimed == 0) {
            return false;
        }
        TeamRoute route = routing.forTeam(content.team());
        outbox.enqueue(routing.post(route, DigestMessage.text(content), DigestMessage.mainJson(content)).withKey(key));
        outbox.enqueue(routing.post(route, "Details of the digest", DigestMessage.detailJson(content)).withKey(key + ":detail").inThreadOf(key));
        return true;
    }
}
