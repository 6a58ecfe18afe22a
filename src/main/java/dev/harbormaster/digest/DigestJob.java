package dev.harbormaster.digest;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.jboss.logging.Logger;

/**
 * A team's digest trigger fired (clustered Quartz: on one replica). The fire time decides which due time it stands
 * for, so a late fire after a misfire still sends that digest, once, saying it is late.
 */
@Dependent
@Unremovable
public class DigestJob implements Job {

    static final String TEAM = "team";
    private static final Logger LOG = Logger.getLogger(DigestJob.class);

    @Inject
    Digests digests;
    @Inject
    DigestSettings settings;

    @Override
    @ActivateRequestContext
    public void execute(JobExecutionContext context) {
        String team = context.getMergedJobDataMap().getString(TEAM);
        if (!settings.enabled()) {
            return;
        }
        try {
            digests.sendScheduled(team, context.getFireTime().toInstant());
        } catch (RuntimeException e) {
            // Not rethrown (Quartz would only log it). Nothing was claimed, so nothing half-sent: this due time's digest
            // is skipped, said in the log, and `digest <team>` still shows the team the same figures.
            LOG.errorf(e, "The digest for team %s failed", team);
        }
    }
}
