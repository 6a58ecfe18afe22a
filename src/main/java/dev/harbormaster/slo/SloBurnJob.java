package dev.harbormaster.slo;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The fast-burn check, every minute by default. Clustered Quartz fires it on one replica; should two ever run at once
 * (a failover mid-run), the open episode is unique in the database, so its alert is still posted once.
 */
@ApplicationScoped
public class SloBurnJob {

    private static final Logger LOG = Logger.getLogger(SloBurnJob.class);

    @Inject
    SloBurnAlerts alerts;
    @Inject
    SloClock clock;

    @Scheduled(identity = "slo-burn-check", every = "${harbormaster.slo.burn-check-every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try {
            SloBurnAlerts.Round round = alerts.evaluateAll(clock.now());
            if (round.unmeasured() > 0) {
                LOG.warnf("SLO burn check: %d of %d SLOs could not be measured this round", round.unmeasured(), round.checked());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "The SLO burn check failed; the next round tries again");
        }
    }
}
