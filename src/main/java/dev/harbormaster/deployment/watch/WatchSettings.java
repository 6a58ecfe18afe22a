package dev.harbormaster.deployment.watch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The watcher of rollouts made outside Harbormaster (CI, Argo CD, kubectl). Every replica runs for the Lease; only
 * the one holding it runs informers and posts.
 */
@ConfigMapping(prefix = "harbormaster.watch")
public interface WatchSettings {

    /** HARBORMASTER_WATCH_ENABLED: watch catalog workloads and announce image changes made elsewhere. */
    @WithDefault("true")
    boolean enabled();

    /** HARBORMASTER_WATCH_LEASE_NAMESPACE: the namespace of the Lease; the bot's own (deploy/ sets it from the pod). */
    @WithDefault("harbormaster")
    String leaseNamespace();

    /** HARBORMASTER_WATCH_LEASE_NAME. */
    @WithDefault("harbormaster-watch")
    String leaseName();

    /**
     * HARBORMASTER_WATCH_LEASE_CLUSTER: a configured cluster (harbormaster.kubernetes.clusters) that holds the Lease;
     * unset means the cluster the bot runs in (in-cluster service account, else the kubeconfig's current context),
     * or the simulated one.
     */
    Optional<String> leaseCluster();

    /** HARBORMASTER_WATCH_IDENTITY: this replica's name in the Lease; unset means the host name plus a random suffix. */
    Optional<String> identity();

    /** HARBORMASTER_WATCH_LEASE_DURATION: how long a leader that stopped renewing keeps the Lease. */
    @WithDefault("15s")
    Duration leaseDuration();

    /** HARBORMASTER_WATCH_RENEW_DEADLINE: a leader that could not renew for this long stops leading. */
    @WithDefault("10s")
    Duration renewDeadline();

    /** HARBORMASTER_WATCH_RETRY_PERIOD: how often the Lease is tried and renewed. */
    @WithDefault("2s")
    Duration retryPeriod();

    /** HARBORMASTER_WATCH_RESYNC: informers' resync period. */
    @WithDefault("10m")
    Duration resync();

    /**
     * HARBORMASTER_WATCH_REFRESH: how often the leader re-reads the catalog for namespaces to watch, and retries
     * clusters it could not reach.
     */
    @WithDefault("1m")
    Duration refresh();
}
