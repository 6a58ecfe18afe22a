package dev.harbormaster.cost;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Reads every configured cost source, then checks the budgets: once in the background at start-up (never holding up
 * readiness), then from a clustered Quartz job, so one replica reads at a time.
 */
@ApplicationScoped
public class CostPolling {

    private static final Logger LOG = Logger.getLogger(CostPolling.class);

    @Inject
    CostSettings settings;
    @Inject
    FocusIngestion focus;
    @Inject
    OpenCostIngestion openCost;
    @Inject
    SandboxCostDemo demo;
    @Inject
    BudgetAlerts alerts;

    /** After the catalog's start-up import (which observes at the default priority), so mapping sees the services. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1100) StartupEvent start) {
        if (!settings.readAtStart()) {
            return;
        }
        // A thread of our own has no request context, which the reads' EntityManager needs (the scheduled run has one).
        Thread reading = new Thread(() -> {
            io.quarkus.arc.ManagedContext context = io.quarkus.arc.Arc.container().requestContext();
            context.activate();
            try {
                pollQuietly();
            } finally {
                context.terminate();
            }
        }, "cost-sources-first-read");
        reading.setDaemon(true);
        reading.start();
    }

    @Scheduled(identity = "cost-sources", every = "${harbormaster.cost.poll-every:1h}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Cost: reading the sources failed");
        }
    }

    /** Reads what changed in every source, then evaluates the budgets. */
    public void poll() {
        demo.ensure().ifPresent(focus::readFolder);
        settings.focusDir().filter(dir -> !dir.isBlank()).map(Path::of).ifPresent(focus::readFolder);
        openCost.poll(LocalDate.now(ZoneOffset.UTC));
        alerts.evaluate();
    }
}
