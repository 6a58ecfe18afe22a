package dev.harbormaster.notify;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Keeps the outbox from growing without end. Runs on every replica: two replicas deleting the same old
 * rows at once is harmless, so it needs no clustered Quartz job.
 */
@ApplicationScoped
public class OutboxRetention {

    private static final Logger LOG = Logger.getLogger(OutboxRetention.class);

    @Inject
    OutboxMessageRepository messages;
    @Inject
    OutboxSettings settings;

    @Scheduled(identity = "outbox-retention", every = "1h", delayed = "5m")
    @Transactional
    void deleteFinishedMessages() {
        long deleted = messages.deleteFinishedBefore(messages.databaseNow().minus(settings.retention()));
        if (deleted > 0) {
            LOG.infof("Deleted %d sent or failed outbox messages older than %s", deleted, settings.retention());
        }
    }
}
