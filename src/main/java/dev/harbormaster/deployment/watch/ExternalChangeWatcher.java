package dev.harbormaster.deployment.watch;

import dev.harbormaster.kubernetes.Clusters;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Announces rollouts made outside Harbormaster (CI, Argo CD, kubectl) in the owning team's channel. Every replica
 * runs one {@link WatcherReplica}; the Lease picks the one that watches.
 */
@ApplicationScoped
public class ExternalChangeWatcher {

    private static final Logger LOG = Logger.getLogger(ExternalChangeWatcher.class);

    private final WatchSettings settings;
    private final Clusters clusters;
    private final CatalogWorkloads workloads;
    private final ExternalChangeNotifier notifier;
    private volatile KubernetesClient ownClusterClient;
    /** The replica, once started: the start (the Lease's client, the simulated API server) runs beside the bot's start-up. */
    private volatile CompletableFuture<Optional<WatcherReplica>> started = CompletableFuture.completedFuture(Optional.empty());

    public ExternalChangeWatcher(WatchSettings settings, Clusters clusters, CatalogWorkloads workloads,
                                 ExternalChangeNotifier notifier) {
        this.settings = settings;
        this.clusters = clusters;
        this.workloads = workloads;
        this.notifier = notifier;
    }

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            LOG.info("Watching for rollouts made outside Harbormaster is off (harbormaster.watch.enabled=false)");
            return;
        }
        if (!clusters.simulated() && clusters.configured().isEmpty()) {
            LOG.info("No Kubernetes cluster is configured (harbormaster.kubernetes.clusters), so there are no rollouts"
                    + " to watch");
            return;
        }
        // Watching is optional and its first step may reach a cluster or start the simulated one: not on the path to ready
        started = CompletableFuture.supplyAsync(this::startReplica, runnable -> {
            Thread thread = new Thread(runnable, "external-change-watcher-start");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private Optional<WatcherReplica> startReplica() {
        try {
            WatcherReplica replica = replica(settings.identity().orElseGet(ExternalChangeWatcher::defaultIdentity),
                    leaseClient(), clusters::client, notifier);
            replica.start();
            return Optional.of(replica);
        } catch (RuntimeException e) {
            LOG.warnf("Cannot watch for rollouts made outside Harbormaster: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A replica of the watcher with its own Lease identity and clients; the bot runs one, tests a second one to
     * play another pod.
     */
    public WatcherReplica replica(String identity, KubernetesClient leaseClient,
                                  Function<String, KubernetesClient> clusterClients, ExternalChangeSink sink) {
        return new WatcherReplica(identity, leaseClient, settings, workloads::current,
                new DeploymentInformers(clusterClients, sink, settings.resync(), settings.refresh()));
    }

    /** This replica's watcher, while enabled (waiting for its start when that is still under way). */
    public Optional<WatcherReplica> running() {
        return started.join();
    }

    /** Namespaces this replica watches now (empty unless it leads). */
    public Set<WatchedNamespace> watching() {
        return started.getNow(Optional.empty()).map(WatcherReplica::watching).orElse(Set.of());
    }

    private KubernetesClient leaseClient() {
        if (settings.leaseCluster().isPresent()) {
            return clusters.client(settings.leaseCluster().get());
        }
        if (clusters.simulated()) {
            return clusters.simulation().client();
        }
        // The Lease lives where the bot runs: the pod's service account, or kubectl's current context locally.
        ownClusterClient = new KubernetesClientBuilder().build();
        return ownClusterClient;
    }

    private static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "harbormaster";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs before the clusters' clients close ({@link Clusters} observes shutdown later): the Lease is handed over. */
    void stop(@Observes @Priority(1) ShutdownEvent event) {
        // a start still under way after this long (a cluster that does not answer) is left to the JVM's exit
        started.completeOnTimeout(Optional.empty(), 5, TimeUnit.SECONDS).join().ifPresent(WatcherReplica::close);
        if (ownClusterClient != null) {
            ownClusterClient.close();
        }
    }
}
