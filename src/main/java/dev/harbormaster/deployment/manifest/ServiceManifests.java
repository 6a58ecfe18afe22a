package dev.harbormaster.deployment.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/**
 * The Kubernetes objects that run one catalog service in one environment, for a team to add to its pipeline.
 *
 * @param notes what the catalog did not say and was filled in with a default, for the user to check
 */
public record ServiceManifests(String service, String environment, Deployment deployment, Service kubernetesService,
                               HorizontalPodAutoscaler autoscaler, PodDisruptionBudget disruptionBudget,
                               List<String> notes) {

    public ServiceManifests {
        notes = List.copyOf(notes);
    }

    public List<HasMetadata> objects() {
        return List.of(deployment, kubernetesService, autoscaler, disruptionBudget);
    }

    /** One YAML document per object, each starting with {@code ---}. */
    public List<String> yamlDocuments() {
        return objects().stream().map(Serialization::asYaml).toList();
    }
}
