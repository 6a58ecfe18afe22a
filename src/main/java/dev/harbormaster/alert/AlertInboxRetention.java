package dev.harbormaster.alert;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Keeps the stored notifications from growing without end: once processed, their content lives on in the group and
 * alert records, and a week is long enough to still recognise a late duplicate. Runs on every replica, as deleting
 * the same old rows twice is harmless.
 */
@ApplicationScoped
public class AlertInboxRetention {

    private static final Logger LOG = Logger.getLogger(AlertInboxRetention.class);

    @Inject
    AlertInbox inbox;

    @Scheduled(identity = "alert-inbox-retention", every = "1h", delayed = "5m")
    @Transactional
    void deleteProcessedNotifications() {
        int deleted = inbox.deleteProcessedBefore(java.time.Duration.ofDays(7));
        if (deleted > 0) {
            LOG.infof("Deleted %d processed alert notifications older than 7 days", deleted);
        }
    }
}
