package dev.harbormaster.deployment.manifest;

import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.Service;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a service's Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget from its catalog entry,
 * with the defaults a platform team would want on every workload: non-root, no privilege escalation, read-only root
 * filesystem, probes, requests sized from the catalog, and at most one pod disrupted at a time.
 */
public final class ManifestGenerator {

    /** The image annotation: the repository, the tag comes from the pipeline. */
    public static final String IMAGE_ANNOTATION = "harbormaster.dev/image";
    /** A placeholder a pipeline substitutes (envsubst, kustomize, sed) with the tag it built. */
    public static final String TAG_PLACEHOLDER = "${IMAGE_TAG}";
    static final String CONTAINER_PORT_NAME = "http";
    static final int CONTAINER_PORT = 8080;
    static final int TARGET_CPU_UTILIZATION = 70;

    private ManifestGenerator() {
    }

    public static ServiceManifests generate(Service service, Environment environment) {
        List<String> notes = new ArrayList<>();
        String name = service.kubernetesId == null ? service.name : service.kubernetesId;
        Map<String, String> labels = labels(service, name);
        Map<String, String> selector = Map.of("app.kubernetes.io/name", name);
        int minReplicas = environment.replicasMin == null ? 1 : environment.replicasMin;
        int maxReplicas = environment.replicasMax == null ? minReplicas : Math.max(environment.replicasMax, minReplicas);
        if (environment.replicasMin == null || environment.replicasMax == null) {
            notes.add("The catalog gives no replica range for " + environment.name + "; the autoscaler runs "
                    + minReplicas + " to " + maxReplicas + " (set replicas: {min, max} on the environment).");
        }
        String repository = service.annotations.get(IMAGE_ANNOTATION);
        if (repository == null || repository.isBlank()) {
            repository = "registry.example.com/" + name;
            notes.add("The catalog has no " + IMAGE_ANNOTATION + " annotation; replace " + repository
                    + " with the service's image repository, or add the annotation.");
        }
        if (environment.cpu == null || environment.memory == null) {
            notes.add("The catalog gives no cpu or memory for " + environment.name
                    + "; the container requests only what it names.");
        }
        ObjectMeta metadata = new ObjectMetaBuilder().withName(name).withNamespace(environment.namespace)
                .withLabels(labels).build();
        return new ServiceManifests(service.name, environment.name,
                deployment(metadata, selector, labels, repository, environment),
                new ServiceBuilder().withMetadata(metadata).withNewSpec().withType("ClusterIP").withSelector(selector)
                        .addNewPort().withName(CONTAINER_PORT_NAME).withPort(80)
                        .withTargetPort(new IntOrString(CONTAINER_PORT_NAME)).endPort()
                        .endSpec().build(),
                autoscaler(metadata, name, minReplicas, maxReplicas),
                disruptionBudget(metadata, selector),
                notes);
    }

    private static Map<String, String> labels(Service service, String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", name);
        if (service.system != null && !service.system.isBlank()) {
            labels.put("app.kubernetes.io/part-of", service.system);
        }
        labels.put("app.kubernetes.io/managed-by", "harbormaster");
        // The label Backstage's Kubernetes plugin finds a component's workloads by.
        labels.put("backstage.io/kubernetes-id", name);
        return labels;
    }

    /**
     * No {@code spec.replicas}: the autoscaler owns the count, and a pipeline re-applying a fixed number would
     * undo its scaling on every deploy.
     */
    private static Deployment deployment(ObjectMeta metadata, Map<String, String> selector, Map<String, String> labels,
                                         String repository, Environment environment) {
        ResourceRequirementsBuilder resources = new ResourceRequirementsBuilder();
        if (environment.cpu != null) {
            resources.addToRequests("cpu", new Quantity(environment.cpu));
        }
        if (environment.memory != null) {
            // Memory is not compressible: a limit equal to the request keeps the pod from being OOM-killed by neighbours.
            resources.addToRequests("memory", new Quantity(environment.memory));
            resources.addToLimits("memory", new Quantity(environment.memory));
        }
        return new DeploymentBuilder().withMetadata(metadata)
                .withNewSpec()
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString("25%")).endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault")
                .endSeccompProfile().endSecurityContext()
                .addNewContainer()
                .withName(metadata.getName())
                .withImage(repository + ":" + TAG_PLACEHOLDER)
                .withPorts(new ContainerPortBuilder().withName(CONTAINER_PORT_NAME).withContainerPort(CONTAINER_PORT)
                        .build())
                .withResources(resources.build())
                .withReadinessProbe(probe("/health/ready", 5, 10))
                .withLivenessProbe(probe("/health/live", 15, 20))
                .withNewSecurityContext().withRunAsNonRoot(true).withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true).withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Probe probe(String path, int initialDelaySeconds, int periodSeconds) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(CONTAINER_PORT_NAME))
                .endHttpGet().withInitialDelaySeconds(initialDelaySeconds).withPeriodSeconds(periodSeconds)
                .withFailureThreshold(3).build();
    }

    private static HorizontalPodAutoscaler autoscaler(ObjectMeta metadata, String deploymentName, int minReplicas,
                                                      int maxReplicas) {
        return new HorizontalPodAutoscalerBuilder().withMetadata(metadata)
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(deploymentName)
                .endScaleTargetRef()
                .withMinReplicas(minReplicas).withMaxReplicas(maxReplicas)
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("Utilization").withAverageUtilization(TARGET_CPU_UTILIZATION).endTarget().endResource()
                .endMetric()
                .endSpec().build();
    }

    private static PodDisruptionBudget disruptionBudget(ObjectMeta metadata, Map<String, String> selector) {
        return new PodDisruptionBudgetBuilder().withMetadata(metadata)
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withNewSelector().withMatchLabels(selector)
                .endSelector().endSpec().build();
    }
}
