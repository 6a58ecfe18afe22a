package dev.harbormaster.kubernetes;

import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.Service;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Finds where a catalog service's environment runs. Cluster and namespace come from the catalog entry
 * ({@code spec.harbormaster.environments}), falling back to {@code harbormaster.kubernetes.environments.<env>};
 * the Deployment is named by {@code backstage.io/kubernetes-id}, else the service's name (which is also what
 * {@code app.kubernetes.io/name} carries on the workloads Harbormaster's manifests describe).
 */
@ApplicationScoped
public class WorkloadLocator {

    private final KubernetesSettings settings;
    private final Clusters clusters;

    public WorkloadLocator(KubernetesSettings settings, Clusters clusters) {
        this.settings = settings;
        this.clusters = clusters;
    }

    /** The environment names the catalog lists for a service, in catalog order. */
    public List<String> environments(Service service) {
        return service.environments.stream().map(environment -> environment.name).toList();
    }

    /**
     * The workload, or a {@link Located.Problem} whose text tells the user what is missing (unknown environment,
     * no cluster, an invalid namespace or name).
     */
    public Located locate(Service service, String environmentName) {
        Optional<Environment> environment = service.environments.stream()
                .filter(candidate -> candidate.name.equals(environmentName)).findFirst();
        if (environment.isEmpty()) {
            return new Located.Problem("`" + service.name + "` has no environment `" + environmentName + "`"
                    + (service.environments.isEmpty() ? " (the catalog lists none)"
                    : "; it has " + String.join(", ", environments(service))));
        }
        KubernetesSettings.EnvironmentDefaults defaults = settings.environments().get(environmentName);
        String cluster = Optional.ofNullable(environment.get().cluster)
                .or(() -> defaults == null ? Optional.empty() : defaults.cluster())
                .orElse(null);
        if (cluster == null) {
            return new Located.Problem("the catalog names no cluster for `" + service.name + "` in `"
                    + environmentName + "`, and no default cluster is configured for that environment");
        }
        if (!clusters.knows(cluster)) {
            return new Located.Problem("cluster `" + cluster + "` (where `" + service.name + "` runs in `"
                    + environmentName + "`) is not configured in Harbormaster");
        }
        String pattern = defaults == null ? settings.namespacePattern()
                : defaults.namespacePattern().orElse(settings.namespacePattern());
        String namespace = Optional.ofNullable(environment.get().namespace)
                .orElse(pattern.replace("{service}", service.name)
                        .replace("{team}", String.valueOf(service.ownerTeam))
                        .replace("{environment}", environmentName));
        if (!KubernetesNames.isDns1123Label(namespace)) {
            return new Located.Problem("namespace `" + namespace + "` is not a valid Kubernetes namespace name");
        }
        String deployment = Optional.ofNullable(service.kubernetesId).orElse(service.name);
        if (!KubernetesNames.isDns1123Subdomain(deployment)) {
            return new Located.Problem("`" + deployment + "` is not a valid Kubernetes object name");
        }
        return new Located.Found(new Workload(service.name, environmentName, cluster, namespace, deployment,
                clusters.simulated()));
    }

    /** The outcome of {@link #locate}. */
    public sealed interface Located {
        record Found(Workload workload) implements Located {
        }

        record Problem(String message) implements Located {
        }
    }
}
