package dev.harbormaster.alert;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The thread on this replica that processes stored notifications, woken when one is stored and polling every
 * second otherwise. Replicas share the work through row locks (SKIP LOCKED), as the outbox workers do.
 */
@ApplicationScoped
public class AlertWorkers {

    private static final Logger LOG = Logger.getLogger(AlertWorkers.class);
    private static final long POLL_MILLIS = 1_000;

    @Inject
    AlertProcessor processor;

    private final Object signal = new Object();
    private Thread thread;
    private volatile boolean running;
    private boolean woken;
    private long nextStormEdit;

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = new Thread(this::processUntilStopped, "alert-worker");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        wake();
        if (thread != null) {
            thread.join(5_000);
        }
    }

    /** Cuts an idle wait short: called after a notification is stored. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void processUntilStopped() {
        while (running) {
            boolean processed = false;
            try {
                processed = processor.processNext();
                if (System.currentTimeMillis() >= nextStormEdit) {
                    nextStormEdit = System.currentTimeMillis() + POLL_MILLIS;
                    processor.editStorms();
                }
            } catch (RuntimeException e) {
                // The database is away or the notification could not be applied: it is tried again, a few times.
                LOG.warnf("Processing alert notifications failed: %s", e.getClass().getName());
                LOG.debug("Alert processing failure", e);
                try {
                    processor.countFailure();
                } catch (RuntimeException again) {
                    LOG.debugf("Could not count the failure either: %s", again.getClass().getName());
                }
                pause();
            }
            if (!processed) {
                pause();
            }
        }
    }

    private void pause() {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }
}
