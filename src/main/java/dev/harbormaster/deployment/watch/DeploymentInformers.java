package dev.harbormaster.deployment.watch;

import dev.harbormaster.kubernetes.Workload;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * One Deployment informer per watched namespace, while this replica leads. Informers start without waiting for
 * their first list ({@code inform(...)} would block, or fail the caller, on a cluster that does not answer); one that
 * cannot start is dropped and tried again at the next {@link #watch}.
 */
final class DeploymentInformers {

    private static final Logger LOG = Logger.getLogger(DeploymentInformers.class);

    private final Function<String, KubernetesClient> clients;
    private final ExternalChangeSink sink;
    private final Duration resync;
    private final Duration retry;
    private final Map<WatchedNamespace, SharedIndexInformer<Deployment>> starting = new HashMap<>();
    private final Map<WatchedNamespace, SharedIndexInformer<Deployment>> running = new HashMap<>();
    private final Set<WatchedNamespace> unreachable = new HashSet<>();
    private volatile CatalogWorkloads.Index index = new CatalogWorkloads.Index(Map.of());
    private volatile boolean active;
    private volatile Instant leadingSince = Instant.EPOCH;

    /**
     * @param clients a client per cluster name; may throw when a cluster cannot be reached or is not configured
     * @param retry   how long until a namespace that could not be watched is tried again (said in the warning)
     */
    DeploymentInformers(Function<String, KubernetesClient> clients, ExternalChangeSink sink, Duration resync,
                        Duration retry) {
        this.clients = clients;
        this.sink = sink;
        this.resync = resync;
        this.retry = retry;
    }

    synchronized void activate() {
        active = true;
        leadingSince = Instant.now();
    }

    /** Watches exactly the namespaces of {@code workloads} (when active): starts missing informers, stops gone ones. */
    synchronized void watch(CatalogWorkloads.Index workloads) {
        if (!active) {
            return;
        }
        index = workloads;
        stopWhere(namespace -> !workloads.namespaces().contains(namespace));
        for (WatchedNamespace namespace : workloads.namespaces()) {
            if (!starting.containsKey(namespace) && !running.containsKey(namespace)) {
                start(namespace);
            }
        }
    }

    /** Stops every informer and reports nothing more until {@link #activate()}. */
    synchronized void stopAll() {
        active = false;
        stopWhere(namespace -> true);
    }

    /** The namespaces whose informers have listed their Deployments and are watching. */
    synchronized Set<WatchedNamespace> watching() {
        return Set.copyOf(running.keySet());
    }

    private void stopWhere(Predicate<WatchedNamespace> condition) {
        for (Map<WatchedNamespace, SharedIndexInformer<Deployment>> informers : List.of(starting, running)) {
            informers.entrySet().removeIf(entry -> {
                if (condition.test(entry.getKey())) {
                    entry.getValue().stop();
                    return true;
                }
                return false;
            });
        }
    }

    private void start(WatchedNamespace namespace) {
        SharedIndexInformer<Deployment> informer;
        try {
            informer = clients.apply(namespace.cluster()).apps().deployments().inNamespace(namespace.namespace())
                    .runnableInformer(resync.toMillis());
        } catch (RuntimeException e) {
            cannotWatch(namespace, e);
            return;
        }
        informer.addEventHandler(new ChangeHandler(namespace));
        starting.put(namespace, informer);
        informer.start().whenComplete((ignored, error) -> started(namespace, informer, error));
    }

    private synchronized void started(WatchedNamespace namespace, SharedIndexInformer<Deployment> informer,
                                      Throwable error) {
        if (starting.get(namespace) != informer) {
            informer.stop();
            return;
        }
        starting.remove(namespace);
        if (error != null) {
            informer.stop();
            cannotWatch(namespace, error);
            return;
        }
        running.put(namespace, informer);
        LOG.infof("Watching Deployments in namespace %s on cluster %s%s", namespace.namespace(), namespace.cluster(),
                unreachable.remove(namespace) ? " again" : "");
    }

    /** Warns once per outage, with the client's message only: a stack trace could carry a kubeconfig's details. */
    private void cannotWatch(WatchedNamespace namespace, Throwable error) {
        Throwable cause = error.getCause() != null && error instanceof CompletionException
                ? error.getCause() : error;
        if (unreachable.add(namespace)) {
            LOG.warnf("Cannot watch Deployments in namespace %s on cluster %s (%s); rollouts made outside "
                            + "Harbormaster there go unannounced until it can. Retrying every %s.",
                    namespace.namespace(), namespace.cluster(), cause.getMessage(), Durations.readable(retry));
        } else {
            LOG.debugf("Still cannot watch Deployments in %s: %s", namespace, cause.getMessage());
        }
    }

    private final class ChangeHandler implements ResourceEventHandler<Deployment> {

        private final WatchedNamespace namespace;

        ChangeHandler(WatchedNamespace namespace) {
            this.namespace = namespace;
        }

        /**
         * The first list after this replica started leading (and later creations): a Deployment whose image changed
         * while no replica watched is reported now rather than never.
         */
        @Override
        public void onAdd(Deployment deployment) {
            if (!active || createdWhileLeading(deployment)) {
                return;
            }
            Optional<Workload> workload = index.workload(namespace, deployment.getMetadata().getName());
            if (workload.isEmpty()) {
                return;
            }
            try {
                ExternalChangeSink.Outcome outcome = sink.reportIfMissed(workload.get(), deployment);
                LOG.debugf("Listed %s (generation %s): %s", workload.get().describe(),
                        deployment.getMetadata().getGeneration(), outcome);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not compare %s with its last recorded change", workload.get().describe());
            }
        }

        @Override
        public void onUpdate(Deployment before, Deployment after) {
            if (!active) {
                return;
            }
            Optional<ExternalChange> change = ExternalChangeDetector.detect(before, after);
            if (change.isEmpty()) {
                return;
            }
            Optional<Workload> workload = index.workload(namespace, after.getMetadata().getName());
            if (workload.isEmpty()) {
                LOG.debugf("Image of %s/%s changed; no catalog service runs there", namespace,
                        after.getMetadata().getName());
                return;
            }
            try {
                ExternalChangeSink.Outcome outcome = sink.report(workload.get(), change.get());
                LOG.debugf("Image change of %s (generation %s): %s", workload.get().describe(),
                        change.get().generation(), outcome);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not record the image change of %s", workload.get().describe());
            }
        }

        /**
         * A Deployment created after this replica began leading is a new object, not one whose change was missed.
         * (Creation timestamps have whole seconds and the API server's clock may differ a little: an object created
         * in that margin is compared with its records, which is harmless.)
         */
        private boolean createdWhileLeading(Deployment deployment) {
            String created = deployment.getMetadata().getCreationTimestamp();
            if (created == null) {
                return false;
            }
            try {
                return Instant.parse(created).isAfter(leadingSince);
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        @Override
        public void onDelete(Deployment deployment, boolean deletedFinalStateUnknown) {
        }
    }
}
