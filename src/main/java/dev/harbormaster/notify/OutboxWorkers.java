package dev.harbormaster.notify;

import dev.harbormaster.slack.SlackSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivery threads on this replica. Every replica runs its own and they share the work through
 * PostgreSQL row locks (see {@link OutboxMessageRepository}), so scaling out needs no coordination and
 * no replica holds state another would need. Plain threads rather than a clustered Quartz job, which
 * would run on one node only.
 */
@ApplicationScoped
public class OutboxWorkers {

    private static final Logger LOG = Logger.getLogger(OutboxWorkers.class);
    private static final long GAUGE_REFRESH_MILLIS = 5_000;

    @Inject
    OutboxDelivery delivery;
    @Inject
    OutboxMessageRepository messages;
    @Inject
    OutboxSettings settings;
    @Inject
    SlackSettings slackSettings;
    @Inject
    MeterRegistry metrics;

    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong nextGaugeRefresh = new AtomicLong();
    private volatile boolean running;
    private boolean woken;

    void start(@Observes StartupEvent event) {
        Gauge.builder("harbormaster.outbox.pending", pending, AtomicLong::get)
                .description("Messages queued for Slack and not yet sent or failed")
                .register(metrics);
        if (!settings.enabled()) {
            LOG.info("Outbox delivery is disabled on this replica (harbormaster.outbox.enabled=false)");
            return;
        }
        running = true;
        for (int i = 0; i < settings.workers(); i++) {
            Thread thread = new Thread(this::deliverUntilStopped, "outbox-worker-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wake();
        long waitMillis = slackSettings.httpTimeout().toMillis() + 1_000;
        for (Thread thread : threads) {
            thread.join(waitMillis);
        }
    }

    /** Cuts an idle wait short: called after a transaction that queued a message commits. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void deliverUntilStopped() {
        while (running && !Thread.currentThread().isInterrupted()) {
            boolean delivered = false;
            try {
                delivered = delivery.deliverNextBatch();
                refreshGauge();
            } catch (RuntimeException e) {
                // The database is unreachable or the transaction failed; the message stays pending.
                LOG.warnf("Outbox delivery failed: %s", e.getClass().getName());
                LOG.debug("Outbox delivery failure", e);
            }
            if (!delivered) {
                awaitWork();
            }
        }
    }

    private void awaitWork() {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(settings.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            woken = false;
        }
    }

    private void refreshGauge() {
        long due = nextGaugeRefresh.get();
        long now = System.currentTimeMillis();
        if (now >= due && nextGaugeRefresh.compareAndSet(due, now + GAUGE_REFRESH_MILLIS)) {
            pending.set(QuarkusTransaction.requiringNew().call(messages::countPending));
        }
    }
}
