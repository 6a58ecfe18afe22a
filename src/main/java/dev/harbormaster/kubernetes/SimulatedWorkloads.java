package dev.harbormaster.kubernetes;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.CatalogImportProgress;
import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.Service;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * What the simulated cluster runs: for every environment of the catalog's services, its namespace and a Deployment
 * at version 1.0.0 of the catalog's image ({@code harbormaster.dev/image}, else {@code ghcr.io/example/<name>}),
 * with the catalog's minimum replicas, its first ReplicaSet and ready pods. Made in the background after start, once
 * the catalog's start-up import has ended, for the first services (a setting), and again for a single service whenever a command finds its Deployment missing (after a sandbox
 * reset or a catalog import). Whatever exists already is left alone.
 */
@ApplicationScoped
public class SimulatedWorkloads {

    static final String FIRST_VERSION = "1.0.0";
    private static final Logger LOG = Logger.getLogger(SimulatedWorkloads.class);
    private static final int SEEDING_ATTEMPTS = 10;
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final Clusters clusters;
    private final WorkloadLocator locator;
    private final RolloutSimulator simulator;
    private final Catalog catalog;
    private final Settings settings;
    private final CatalogImportProgress catalogImport;

    public SimulatedWorkloads(Clusters clusters, WorkloadLocator locator, RolloutSimulator simulator, Catalog catalog,
                              Settings settings, CatalogImportProgress catalogImport) {
        this.clusters = clusters;
        this.locator = locator;
        this.simulator = simulator;
        this.catalog = catalog;
        this.settings = settings;
        this.catalogImport = catalogImport;
    }

    /** The simulated workloads' own settings. */
    @ConfigMapping(prefix = "harbormaster.simulation")
    public interface Settings {
        /** The progress deadline of simulated Deployments: how long a failing rollout takes to be declared failed. */
        @WithDefault("60s")
        Duration progressDeadline();

        /**
         * How many services (the first by name) get their workloads at start. The rest get theirs when a command first
         * needs them ({@link #ensure}): a simulated cluster of a 50,000-service catalog would hold 150,000 Deployments
         * nobody looks at, and make them at every start.
         */
        @WithDefault("200")
        int seedServices();
    }

    /**
     * Seeds the simulated cluster in the background after the catalog's start-up import (which observes at the default
     * priority): the cluster is optional, so its I/O must not hold up start-up, and a command that needs a workload
     * before seeding reaches it creates that one itself ({@link #ensure}).
     */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent start) {
        if (clusters.simulated()) {
            Thread seeding = new Thread(this::seedUntilDone, "simulated-cluster-seeding");
            seeding.setDaemon(true);
            seeding.start();
        }
    }

    private void seedUntilDone() {
        try {
            catalogImport.finished().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            // the import logged why it stopped; seed what it imported
        }
        Duration pause = Duration.ofSeconds(1);
        for (int attempt = 1; attempt <= SEEDING_ATTEMPTS; attempt++) {
            try {
                int created = ensureAll();
                LOG.infof("Simulated cluster: %d Deployments created for the catalog's services", created);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Simulated cluster: seeding attempt %d of %d failed (%s); the sandbox creates workloads as "
                        + "commands need them meanwhile", attempt, SEEDING_ATTEMPTS, e.getMessage());
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    /** Creates what is missing for the first services of the catalog; returns how many Deployments were created. */
    public int ensureAll() {
        int created = 0;
        List<Service> services = QuarkusTransaction.requiringNew()
                .call(() -> catalog.firstServicesWithEnvironments(settings.seedServices()));
        for (Service service : services) {
            for (Environment environment : service.environments) {
                if (locator.locate(service, environment.name) instanceof WorkloadLocator.Located.Found found
                        && ensure(service, found.workload())) {
                    created++;
                }
            }
        }
        return created;
    }

    /** Creates the workload's namespace and Deployment when missing; true when it created the Deployment. */
    public synchronized boolean ensure(Service service, Workload workload) {
        if (!clusters.simulated()) {
            return false;
        }
        KubernetesClient client = clusters.simulation().client();
        if (client.namespaces().withName(workload.namespace()).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(workload.namespace())
                    .endMetadata().build()).create();
        }
        if (client.apps().deployments().inNamespace(workload.namespace()).withName(workload.deploymentName()).get() != null) {
            return false;
        }
        int replicas = service.environments.stream().filter(e -> e.name.equals(workload.environment())).findFirst()
                .map(e -> e.replicasMin).orElse(1);
        Map<String, String> labels = Map.of("app.kubernetes.io/name", workload.deploymentName());
        String repository = Optional.ofNullable(service.annotations.get("harbormaster.dev/image"))
                .orElse("ghcr.io/example/" + service.name);
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName(workload.deploymentName())
                .withNamespace(workload.namespace()).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas).withProgressDeadlineSeconds((int) settings.progressDeadline().toSeconds())
                .withRevisionHistoryLimit(10)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName(workload.deploymentName()).withImage(repository + ":" + FIRST_VERSION)
                .addNewPort().withContainerPort(8080).withName("http").endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/q/health/ready").withNewPort("http").endHttpGet().endReadinessProbe()
                .endContainer().endSpec().endTemplate().endSpec().build();
        client.apps().deployments().inNamespace(workload.namespace()).resource(deployment).create();
        simulator.settle(workload.namespace(), workload.deploymentName());
        return true;
    }
}
