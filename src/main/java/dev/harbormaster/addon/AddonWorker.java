package dev.harbormaster.addon;

import dev.harbormaster.audit.AuditTrail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs add-on steps that are due, on any replica: a step is claimed with a conditional update (so it runs once),
 * performed outside any transaction, and its result applied only while the claim still holds. A replica that dies
 * mid-step leaves a claim that expires; the state in PostgreSQL lets another replica, or the restarted one, go on.
 */
@ApplicationScoped
public class AddonWorker {

    private static final Logger LOG = Logger.getLogger(AddonWorker.class);
    private static final int BATCH = 20;

    @Inject
    AddonInstanceRepository instances;
    @Inject
    AddonSteps steps;
    @Inject
    AddonProgress progress;
    @Inject
    AuditTrail audit;
    @Inject
    AddonSettings settings;

    private final ExecutorService soon = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1), runnable -> {
                Thread thread = new Thread(runnable, "addon-worker");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    /** Looks for due steps right away rather than at the next scheduled run (after a commit that made one due). */
    public void wake() {
        soon.execute(this::runDueSafely);
    }

    @Scheduled(identity = "addon-worker", every = "${harbormaster.addons.worker-every:2s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runDueSafely();
    }

    private void runDueSafely() {
        try {
            runDue();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Running due add-on steps failed");
        }
    }

    /** Runs every step due now that no replica holds; returns how many ran. */
    public int runDue() {
        Instant now = Instant.now();
        List<String> due = QuarkusTransaction.requiringNew().call(() -> instances.due(now, BATCH));
        int ran = 0;
        for (String id : due) {
            String token = UUID.randomUUID().toString();
            Instant claimedAt = Instant.now();
            Instant until = claimedAt.plus(lease());
            if (QuarkusTransaction.requiringNew().call(() -> instances.claim(id, token, claimedAt, until))) {
                runClaimed(id, token);
                ran++;
            }
        }
        return ran;
    }

    /** Long enough for a step's broker calls at their timeout, plus Kubernetes. */
    private Duration lease() {
        return settings.requestTimeout().multipliedBy(2).plusSeconds(30);
    }

    private void runClaimed(String id, String token) {
        AddonInstance snapshot = QuarkusTransaction.requiringNew().call(() -> instances.findById(id));
        StepResult result;
        try {
            result = steps.perform(snapshot);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Add-on %s: step %s failed unexpectedly; it will be tried again", snapshot.name, snapshot.step);
            result = StepResult.of(a -> {
                a.pollCount++;
                a.dueAt = Instant.now().plus(steps.backoff(a.pollCount));
            });
        }
        StepResult applied = result;
        QuarkusTransaction.requiringNew().run(() -> {
            AddonInstance row = instances.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (row == null || !token.equals(row.claimToken)) {
                LOG.warnf("Add-on %s: the claim on step %s expired before it finished; its result is dropped",
                        snapshot.name, snapshot.step);
                return;
            }
            AddonState before = row.state;
            String detailBefore = row.detail;
            applied.change().accept(row);
            row.claimToken = null;
            row.claimedUntil = null;
            row.updatedAt = Instant.now();
            boolean changed = before != row.state || !Objects.equals(detailBefore, row.detail);
            progress.update(row, changed);
            if (applied.auditAction() != null) {
                audit.record("system", applied.auditAction(), "service:" + row.service, details(row));
            }
        });
        wakeIfDueNow(id);
    }

    private void wakeIfDueNow(String id) {
        Instant dueAt = QuarkusTransaction.requiringNew().call(() -> {
            AddonInstance row = instances.findById(id);
            return row == null || row.step == null ? null : row.dueAt;
        });
        if (dueAt != null && !dueAt.isAfter(Instant.now())) {
            wake();
        }
    }

    static Map<String, Object> details(AddonInstance row) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("addon", row.name);
        details.put("instance_id", row.id);
        details.put("broker", row.broker);
        details.put("offering", row.offering);
        details.put("plan", row.plan);
        details.put("environment", row.environment);
        details.put("state", row.state.name());
        details.put("secret", row.namespace + "/" + row.secretName);
        details.put("requested_by", row.requestedBy);
        if (row.detail != null) {
            details.put("detail", row.detail);
        }
        return details;
    }

    void stop(@Observes ShutdownEvent event) {
        soon.shutdownNow();
    }
}
