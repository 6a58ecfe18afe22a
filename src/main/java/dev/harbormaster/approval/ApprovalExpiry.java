package dev.harbormaster.approval;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Expires pending requests past their time; clustered Quartz runs it on one replica at a time. */
@ApplicationScoped
public class ApprovalExpiry {

    private static final Logger LOG = Logger.getLogger(ApprovalExpiry.class);

    @Inject
    ApprovalEngine engine;

    @Scheduled(identity = "approval-expiry", every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void expire() {
        int expired = engine.expireDue();
        if (expired > 0) {
            LOG.infof("Expired %d approval request(s)", expired);
        }
    }
}
