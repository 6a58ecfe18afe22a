package dev.harbormaster.approval;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Expires pending requests past their time, takes over running ones whose replica died (their lease ran out), and
 * starts approved ones whose replica died before running them; clustered Quartz runs it on one replica at a time.
 */
@ApplicationScoped
public class ApprovalExpiry {

    private static final Logger LOG = Logger.getLogger(ApprovalExpiry.class);

    /** The scheduled job's identity. */
    static final String JOB = "approval-expiry";

    /** Far longer than a healthy hand-over from the vote's commit to the worker takes. */
    static final Duration STALLED_AFTER = Duration.ofMinutes(1);

    @Inject
    ApprovalEngine engine;

    @Scheduled(identity = JOB, every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void expire() {
        int expired = engine.expireDue();
        if (expired > 0) {
            LOG.infof("Expired %d approval request(s)", expired);
        }
        int recovered = engine.recoverAbandoned();
        if (recovered > 0) {
            LOG.infof("Took over %d approved request(s) whose replica stopped while running them", recovered);
        }
        int resumed = engine.resumeApproved(STALLED_AFTER);
        if (resumed > 0) {
            LOG.infof("Ran %d approved request(s) that no replica had started", resumed);
        }
    }
}
