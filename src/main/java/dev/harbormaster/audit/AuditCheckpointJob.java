package dev.harbormaster.audit;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The hourly checkpoint. Clustered Quartz fires it on one replica; should two ever run the same fire (a failover
 * mid-run), the fire time is the checkpoint's period, unique in the database, so it is still made once.
 */
@ApplicationScoped
public class AuditCheckpointJob {

    private static final Logger LOG = Logger.getLogger(AuditCheckpointJob.class);

    @Inject
    AuditCheckpoints checkpoints;

    @Scheduled(identity = "audit-checkpoint", cron = "${harbormaster.audit.checkpoint-cron:0 0 * * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkpoint(ScheduledExecution execution) {
        try {
            checkpoints.makeScheduled(execution.getScheduledFireTime());
        } catch (RuntimeException e) {
            LOG.errorf(e, "The hourly audit checkpoint failed; the next fire tries again");
        }
    }
}
