package dev.harbormaster.kubernetes;

import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.KubernetesNames;
import dev.harbormaster.command.Mrkdwn;
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
            return new Located.Problem(Mrkdwn.code(service.name) + " has no environment " + Mrkdwn.echo(environmentName)
                    + (service.environments.isEmpty() ? " (the catalog lists none)"
                    : "; it has " + String.join(", ", environments(service).stream().map(Mrkdwn::code).toList())));
        }
        KubernetesSettings.EnvironmentDefaults defaults = settings.environments().get(environmentName);
        String cluster = cluster(environment.get(), defaults);
        if (cluster == null) {
            return new Located.Problem("the catalog names no cluster for " + Mrkdwn.code(service.name) + " in "
                    + Mrkdwn.code(environmentName) + ", and no default cluster is configured for that environment");
        }
        if (!clusters.knows(cluster)) {
            return new Located.Problem("cluster " + Mrkdwn.code(cluster) + " (where " + Mrkdwn.code(service.name) + " runs in "
                    + Mrkdwn.code(environmentName) + ") is not configured in Harbormaster");
        }
        String namespace = namespace(service, environment.get(), defaults);
        if (!KubernetesNames.isDns1123Label(namespace)) {
            return new Located.Problem("namespace " + Mrkdwn.code(namespace) + " is not a valid Kubernetes namespace name");
        }
        String deployment = Optional.ofNullable(service.kubernetesId).orElse(service.name);
        if (!KubernetesNames.isDns1123Subdomain(deployment)) {
            return new Located.Problem(Mrkdwn.code(deployment) + " is not a valid Kubernetes object name");
        }
        return new Located.Found(new Workload(service.name, environmentName, cluster, namespace, deployment,
                clusters.simulated()));
    }

    /**
     * Where an environment's workloads live (cluster and namespace), from the catalog and the environment defaults;
     * empty when that cannot be told. Unlike {@link #locate} it does not need the cluster to be configured here.
     */
    public Optional<Placement> placement(Service service, Environment environment) {
        KubernetesSettings.EnvironmentDefaults defaults = settings.environments().get(environment.name);
        String cluster = cluster(environment, defaults);
        String namespace = namespace(service, environment, defaults);
        return cluster == null || !KubernetesNames.isDns1123Label(namespace) ? Optional.empty()
                : Optional.of(new Placement(cluster, namespace));
    }

    /** A cluster (by the name the catalog uses) and a namespace on it. */
    public record Placement(String cluster, String namespace) {
    }

    private static String cluster(Environment environment, KubernetesSettings.EnvironmentDefaults defaults) {
        return Optional.ofNullable(environment.cluster)
                .or(() -> defaults == null ? Optional.empty() : defaults.cluster())
                .orElse(null);
    }

    private String namespace(Service service, Environment environment, KubernetesSettings.EnvironmentDefaults defaults) {
        String pattern = defaults == null ? settings.namespacePattern()
                : defaults.namespacePattern().orElse(settings.namespacePattern());
        return Optional.ofNullable(environment.namespace)
                .orElse(pattern.replace("{service}", service.name)
                        .replace("{team}", String.valueOf(service.ownerTeam))
                        .replace("{environment}", environment.name));
    }

    /** The outcome of {@link #locate}. */
    public sealed interface Located {
        record Found(Workload workload) implements Located {
        }

        record Problem(String message) implements Located {
        }
    }
}
