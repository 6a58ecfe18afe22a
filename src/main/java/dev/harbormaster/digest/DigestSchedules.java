package dev.harbormaster.digest;

import dev.harbormaster.audit.AuditTrail;
import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.DigestSchedule;
import dev.harbormaster.catalog.Team;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each team's digest schedule: set in chat ({@code digest schedule}), else the Group's {@code harbormaster.dev/digest}
 * annotation, else Monday 09:00 in the team's time zone (UTC when it has none). A schedule set in chat is kept over
 * the file, like other chat edits, until the file says the same; then it is the file's again.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DigestSchedules {

    private static final Logger LOG = Logger.getLogger(DigestSchedules.class);

    public enum Source { CHAT, CATALOG, DEFAULT }

    public record TeamSchedule(String team, DigestSchedule schedule, Source source, String setBy) {
    }

    @Inject
    Catalog catalog;
    @Inject
    EntityManager entities;
    @Inject
    AuditTrail audit;

    public List<TeamSchedule> all() {
        Map<String, Object[]> overrides = overrides();
        List<TeamSchedule> schedules = new ArrayList<>();
        for (Team team : catalog.teams()) {
            schedules.add(effective(team, overrides.get(team.name)));
        }
        return schedules;
    }

    public Optional<TeamSchedule> forTeam(String teamName) {
        return catalog.team(teamName).map(team -> effective(team, overrides(team.name).get(team.name)));
    }

    /** The team's time zone from the catalog, or UTC when it has none or an unreadable one. */
    public static ZoneId zoneOf(Team team) {
        if (team.timeZone == null || team.timeZone.isBlank()) {
            return DigestSchedule.DEFAULT.zone();
        }
        try {
            return DigestSchedule.zone(team.timeZone);
        } catch (DigestSchedule.Invalid e) {
            return DigestSchedule.DEFAULT.zone();
        }
    }

    private TeamSchedule effective(Team team, Object[] override) {
        ZoneId zone = zoneOf(team);
        if (override != null) {
            try {
                return new TeamSchedule(team.name, DigestSchedule.parse((String) override[1], zone), Source.CHAT, (String) override[2]);
            } catch (DigestSchedule.Invalid e) {
                LOG.warnf("The digest schedule set in chat for team %s cannot be read (%s); using the catalog's", team.name, e.getMessage());
            }
        }
        if (team.digestSchedule != null) {
            try {
                return new TeamSchedule(team.name, DigestSchedule.parse(team.digestSchedule, zone), Source.CATALOG, null);
            } catch (DigestSchedule.Invalid e) {
                // checked at import; a zone the JDK no longer knows falls through to the default
            }
        }
        return new TeamSchedule(team.name, new DigestSchedule(DigestSchedule.DEFAULT.days(), DigestSchedule.DEFAULT.at(), zone),
                Source.DEFAULT, null);
    }

    private Map<String, Object[]> overrides() {
        return overrides(null);
    }

    /** Schedules set in chat, of one team or (null) of all. */
    @SuppressWarnings("unchecked")
    private Map<String, Object[]> overrides(String team) {
        Map<String, Object[]> byTeam = new HashMap<>();
        for (Object[] row : (List<Object[]>) entities.createNativeQuery(
                "select team, schedule, set_by from digest_schedule_override where cast(:team as text) is null or team = :team")
                .setParameter("team", team).getResultList()) {
            byTeam.put((String) row[0], row);
        }
        return byTeam;
    }

    /** Sets the team's schedule from chat (the caller is already authorised), with an audit entry. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void setInChat(String team, DigestSchedule schedule, String actorId, DigestSchedule before) {
        entities.createNativeQuery("""
                        insert into digest_schedule_override (team, schedule, set_by, set_at) values (:team, :schedule, :by, now())
                        on conflict (team) do update set schedule = excluded.schedule, set_by = excluded.set_by, set_at = now()""")
                .setParameter("team", team).setParameter("schedule", schedule.text()).setParameter("by", actorId)
                .executeUpdate();
        audit.record(actorId, "digest.scheduled", "team:" + team,
                Map.of("schedule", schedule.text(), "before", before.text()));
    }

    /** Drops schedules set in chat that the catalog now agrees with: the file owns the field again. */
    @Transactional(Transactional.TxType.REQUIRED)
    public int handBackAgreeing() {
        int handedBack = 0;
        Map<String, Object[]> overrides = overrides();
        for (Team team : catalog.teams()) {
            Object[] override = overrides.get(team.name);
            if (override == null || team.digestSchedule == null) {
                continue;
            }
            try {
                ZoneId zone = zoneOf(team);
                if (DigestSchedule.parse(team.digestSchedule, zone).equals(DigestSchedule.parse((String) override[1], zone))) {
                    handedBack += entities.createNativeQuery("delete from digest_schedule_override where team = :team")
                            .setParameter("team", team.name).executeUpdate();
                }
            } catch (DigestSchedule.Invalid e) {
                // an unreadable value on either side: keep what chat set
            }
        }
        return handedBack;
    }
}
