package dev.harbormaster.deployment.watch;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One replica's part in watching: it campaigns for the Lease and, while it holds it, runs the informers and
 * re-reads the catalog every refresh period. It stops them as soon as it stops leading, and campaigns again.
 * Nothing here blocks the caller: an unreachable cluster is retried in the background.
 */
public final class WatcherReplica implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WatcherReplica.class);

    private final String identity;
    private final KubernetesClient leaseClient;
    private final WatchSettings settings;
    private final Supplier<CatalogWorkloads.Index> catalog;
    private final DeploymentInformers informers;
    private final ScheduledExecutorService executor;
    private volatile boolean leading;
    private volatile boolean closed;
    private volatile boolean leaseUnreachable;
    private CompletableFuture<?> election;
    private ScheduledFuture<?> refresh;

    WatcherReplica(String identity, KubernetesClient leaseClient, WatchSettings settings,
                   Supplier<CatalogWorkloads.Index> catalog, DeploymentInformers informers) {
        this.identity = identity;
        this.leaseClient = leaseClient;
        this.settings = settings;
        this.catalog = catalog;
        this.informers = informers;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "harbormaster-watch-" + identity);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        executor.execute(this::campaign);
    }

    public boolean leading() {
        return leading;
    }

    /** Namespaces whose informers are running (empty unless leading). */
    public Set<WatchedNamespace> watching() {
        return informers.watching();
    }

    private synchronized void campaign() {
        if (closed) {
            return;
        }
        if (!leaseReachable()) {
            executor.schedule(this::campaign, settings.refresh().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        election = leaseClient.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(settings.leaseName())
                .withLock(new LeaseLock(settings.leaseNamespace(), settings.leaseName(), identity))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, this::stoppedLeading,
                        leader -> LOG.debugf("Watcher lease %s/%s is held by %s", settings.leaseNamespace(),
                                settings.leaseName(), leader)))
                .build()).build().start();
        // A leader elector ends when its leader loses the Lease; a new one campaigns again.
        election.whenComplete((ignored, error) -> {
            if (!closed) {
                executor.schedule(this::campaign, settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Checked before campaigning, so an unreachable API server gets one clear warning rather than a trace a try. */
    private boolean leaseReachable() {
        try {
            leaseClient.leases().inNamespace(settings.leaseNamespace()).withName(settings.leaseName()).get();
            if (leaseUnreachable) {
                LOG.infof("The watcher lease's API server answers again; %s campaigns for the lease", identity);
            }
            leaseUnreachable = false;
            return true;
        } catch (RuntimeException e) {
            if (!leaseUnreachable) {
                LOG.warnf("Cannot read the watcher lease %s/%s (%s); no rollouts made outside Harbormaster are "
                                + "announced by this replica until it can. Retrying every %s.",
                        settings.leaseNamespace(), settings.leaseName(), e.getMessage(),
                        Durations.readable(settings.refresh()));
            }
            leaseUnreachable = true;
            return false;
        }
    }

    private synchronized void startedLeading() {
        if (leading || closed) {
            return;
        }
        leading = true;
        LOG.infof("%s leads the watcher of rollouts made outside Harbormaster", identity);
        informers.activate();
        refresh = executor.scheduleWithFixedDelay(this::refresh, 0, settings.refresh().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private synchronized void stoppedLeading() {
        if (!leading) {
            return;
        }
        leading = false;
        refresh.cancel(false);
        informers.stopAll();
        LOG.infof("%s no longer leads the watcher; its informers are stopped", identity);
    }

    private void refresh() {
        try {
            informers.watch(catalog.get());
        } catch (RuntimeException e) {
            LOG.warnf("Cannot read the catalog's workloads to watch (%s); trying again in %s", e.getMessage(),
                    Durations.readable(settings.refresh()));
        }
    }

    /** Stops watching and hands the Lease over at once (rather than after it expires). */
    @Override
    public void close() {
        closed = true;
        CompletableFuture<?> current;
        synchronized (this) {
            current = election;
        }
        if (current != null) {
            current.cancel(true);
        }
        stoppedLeading();
        informers.stopAll();
        executor.shutdownNow();
    }
}
