package dev.harbormaster.digest;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.CatalogAuthorization;
import dev.harbormaster.catalog.DigestSchedule;
import dev.harbormaster.catalog.NotFoundMessage;
import dev.harbormaster.catalog.Permission;
import dev.harbormaster.catalog.SlackIdentities;
import dev.harbormaster.catalog.Team;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code digest schedule <team> ["<days> <HH:MM>"] [--tz <zone>]}: shows the schedule, or sets it (the team's members
 * and platform admins). The trigger changes at once; the audit log records who changed it from what.
 */
@ApplicationScoped
public class ScheduleDigest implements PlatformCommand {

    private static final Logger LOG = Logger.getLogger(ScheduleDigest.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    @Inject
    Catalog catalog;
    @Inject
    CatalogAuthorization authorization;
    @Inject
    SlackIdentities identities;
    @Inject
    DigestSchedules schedules;
    @Inject
    DigestTriggers triggers;
    @Inject
    SlackConnection connection;
    @Inject
    Clock clock;

    @Override
    public String name() {
        return "digest schedule";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String teamName = invocation.argument("team").trim();
        Optional<Team> team = catalog.team(teamName);
        if (team.isEmpty()) {
            return NotFoundMessage.team(catalog, teamName, connection.slashCommand());
        }
        DigestSchedules.TeamSchedule current = schedules.forTeam(teamName).orElseThrow();
        Optional<String> typed = invocation.optionalArgument("schedule").filter(s -> !s.isBlank());
        if (typed.isEmpty() && invocation.option("tz").isEmpty()) {
            return CommandReply.ephemeral(describe(teamName, current.schedule(), current.source(), current.setBy()));
        }
        Permission permission = authorization.mayManageTeam(team.get(), identities.identify(invocation.caller().userId()));
        if (!permission.allowed()) {
            return CommandReply.ephemeral(":no_entry: Only members of " + Mrkdwn.code(teamName) + " and platform admins (members of "
                    + Mrkdwn.code(permission.adminTeam()) + ") can change when its digest is posted.");
        }
        DigestSchedule wanted;
        try {
            ZoneId zone = invocation.option("tz").map(DigestSchedule::zone).orElse(current.schedule().zone());
            String text = typed.orElseGet(() -> current.schedule().text().substring(0, current.schedule().text().lastIndexOf(' ')));
            wanted = DigestSchedule.parse(text, zone);
            if (invocation.option("tz").isPresent() && text.trim().split("\\s+").length == 3) {
                return CommandReply.ephemeral("Give the time zone once: either inside the quotes or with `--tz`, not both.");
            }
        } catch (DigestSchedule.Invalid e) {
            return CommandReply.ephemeral("That schedule " + Mrkdwn.escape(e.getMessage()) + ".\nFor example: `"
                    + connection.slashCommand() + " digest schedule " + teamName + " \"MON 09:00\" --tz Europe/Prague`.");
        }
        schedules.setInChat(teamName, wanted, invocation.caller().userId(), current.schedule());
        String triggerNote = "";
        try {
            triggers.syncTeam(teamName);
        } catch (RuntimeException e) {
            LOG.warnf(e, "The digest trigger of team %s was not changed at once; the periodic sync retries", teamName);
            triggerNote = "\n_The scheduler did not take the change yet; it retries within 5 minutes._";
        }
        return CommandReply.ephemeral(":white_check_mark: " + describe(teamName, wanted, DigestSchedules.Source.CHAT,
                invocation.caller().userId()) + triggerNote);
    }

    private String describe(String team, DigestSchedule schedule, DigestSchedules.Source source, String setBy) {
        String origin = switch (source) {
            case CHAT -> "set in chat by " + Mrkdwn.person(setBy) + ", kept over the catalog's `" + DigestSchedule.ANNOTATION + "` annotation";
            case CATALOG -> "from the catalog's `" + DigestSchedule.ANNOTATION + "` annotation";
            case DEFAULT -> "the default; set it with the `" + DigestSchedule.ANNOTATION + "` annotation or this command";
        };
        String next = schedule.nextDue(ZonedDateTime.now(clock), 3).stream()
                .map(due -> due.format(WHEN)).collect(Collectors.joining(", "));
        return "The digest of " + Mrkdwn.code(team) + " is posted *" + Mrkdwn.escape(schedule.text()) + "* (" + origin
                + ").\nNext: " + next + " (" + Mrkdwn.escape(schedule.zone().getId()) + ").";
    }
}
