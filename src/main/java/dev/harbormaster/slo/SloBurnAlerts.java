package dev.harbormaster.slo;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.catalog.Slo;
import dev.harbormaster.notify.OutboundMessage;
import dev.harbormaster.notify.Outbox;
import dev.harbormaster.team.TeamRoute;
import dev.harbormaster.team.TeamRouting;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Fast-burn alerts: every measured SLO of every service is checked against the multiwindow multi-burn-rate rule;
 * the first check that finds an SLO burning opens an episode and posts one alert to the owning team, later checks
 * (on any replica) find the episode open and post nothing. The episode closes, with a notice in the alert's thread,
 * once a measured check has found no fast burn for {@link SloSettings#burnQuietFor()}.
 */
@ApplicationScoped
public class SloBurnAlerts {

    private static final Logger LOG = Logger.getLogger(SloBurnAlerts.class);

    @Inject
    Catalog catalog;
    @Inject
    SloReports reports;
    @Inject
    PrometheusClient prometheus;
    @Inject
    TeamRouting teams;
    @Inject
    Outbox outbox;
    @Inject
    EntityManager entityManager;
    @Inject
    SloSettings settings;

    /** What one round did, for the log and for tests. */
    public record Round(int checked, int opened, int closed, int unmeasured) {
    }

    /** Checks every measured SLO at {@code at}. Without Prometheus nothing is checked: demo figures never page. */
    @ActivateRequestContext
    public Round evaluateAll(Instant at) {
        if (!prometheus.configured()) {
            return new Round(0, 0, 0, 0);
        }
        int checked = 0;
        int opened = 0;
        int closed = 0;
        int unmeasured = 0;
        for (Service service : catalog.servicesWithSlos()) {
            String name = service.name;
            for (Slo slo : List.copyOf(service.slos)) {
                if (!slo.measured() || !slo.measurementProblems().isEmpty()) {
                    continue;
                }
                checked++;
                BurnRates rates = reports.burnRates(name, slo, at);
                if (rates.fastBurn()) {
                    opened += open(service, slo, rates, at) ? 1 : 0;
                } else if (rates.measured()) {
                    closed += close(name, slo, at) ? 1 : 0;
                } else {
                    // a Prometheus outage is not the end of a burn: the episode stays open until a measured quiet
                    unmeasured++;
                }
            }
        }
        return new Round(checked, opened, closed, unmeasured);
    }

    /** Opens the episode and queues its alert in one transaction; false when one was already open (then it is extended). */
    private boolean open(Service service, Slo slo, BurnRates rates, Instant at) {
        TeamRoute route = teams.forService(service.name);
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> inserted = entityManager.createNativeQuery("with next as (select nextval('slo_burn_episode_id_seq') as id) "
                            + "insert into slo_burn_episode (id, service, slo, channel, message_key, opened_at, last_burning_at) "
                            + "select id, ?1, ?2, ?3, 'slo-burn:' || id, ?4, ?4 from next "
                            + "on conflict (service, slo) where closed_at is null do nothing returning message_key")
                    .setParameter(1, service.name).setParameter(2, slo.name()).setParameter(3, route.channel())
                    .setParameter(4, when).getResultList();
            if (inserted.isEmpty()) {
                entityManager.createNativeQuery("update slo_burn_episode set last_burning_at = greatest(last_burning_at, ?3) "
                                + "where service = ?1 and slo = ?2 and closed_at is null")
                        .setParameter(1, service.name).setParameter(2, slo.name()).setParameter(3, when).executeUpdate();
                return false;
            }
            String key = (String) inserted.get(0);
            outbox.enqueue(teams.post(route, SloBurnMessage.alert(service.name, slo, rates, service.runbookUrl,
                    route.onCall().orElse(null)), null).withKey(key));
            LOG.infof("SLO %s of %s burns fast (1h %.1f, 6h %.1f): alert queued to %s", slo.name(), service.name,
                    rates.burn1h(), rates.burn6h(), route.channel());
            return true;
        });
    }

    /** Closes an open episode whose last burn is older than the quiet time, with a notice in the alert's thread. */
    private boolean close(String service, Slo slo, Instant at) {
        Duration quiet = settings.burnQuietFor();
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> closedRows = entityManager.createNativeQuery("update slo_burn_episode set closed_at = ?3 "
                            + "where service = ?1 and slo = ?2 and closed_at is null and last_burning_at < ?4 "
                            + "returning message_key, channel")
                    .setParameter(1, service).setParameter(2, slo.name()).setParameter(3, at.atOffset(ZoneOffset.UTC))
                    .setParameter(4, at.minus(quiet).atOffset(ZoneOffset.UTC)).getResultList();
            for (Object[] row : closedRows) {
                outbox.enqueue(teams.post((String) row[1], SloBurnMessage.resolved(service, slo, human(quiet)), null)
                        .withKey(row[0] + ":resolved").inThreadOf((String) row[0]));
            }
            return !closedRows.isEmpty();
        });
    }

    private static String human(Duration duration) {
        return duration.toMinutes() % 60 == 0 && duration.toHours() > 0 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }
}
