package dev.harbormaster.kubernetes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/**
 * Which clusters the bot talks to and how a service's environment maps onto one.
 *
 * <pre>
 * harbormaster.kubernetes.clusters.eks-eu-1.context=eks-eu-1           # a kubeconfig context, or
 * harbormaster.kubernetes.clusters.onprem-fra.api-url=https://10.0.0.1:6443
 * harbormaster.kubernetes.clusters.onprem-fra.token-file=/var/run/secrets/fra/token
 * harbormaster.kubernetes.environments.production.cluster=eks-eu-1     # when the catalog names none
 * harbormaster.kubernetes.environments.production.namespace-pattern={team}
 * </pre>
 */
@ConfigMapping(prefix = "harbormaster.kubernetes")
public interface KubernetesSettings {

    /** Clusters by the name the catalog uses in {@code spec.harbormaster.environments[].cluster}. */
    Map<String, ClusterConnection> clusters();

    /** Defaults per environment name, used where a catalog environment names no cluster or namespace. */
    Map<String, EnvironmentDefaults> environments();

    /** A kubeconfig file; unset means {@code KUBECONFIG} / {@code ~/.kube/config} as kubectl would. */
    Optional<String> kubeconfig();

    /**
     * {@code auto}: a simulated cluster when the sandbox runs and no cluster is configured; {@code on}:
     * always (demos, tests); {@code off}: never.
     */
    @WithDefault("auto")
    Simulation simulated();

    /** Namespace when neither the catalog nor the environment defaults name one. */
    @WithDefault("{service}-{environment}")
    String namespacePattern();

    enum Simulation { AUTO, ON, OFF }

    interface ClusterConnection {
        /** A context in the kubeconfig file. */
        Optional<String> context();

        /** The API server URL, with a token or token file, instead of a kubeconfig context. */
        Optional<String> apiUrl();

        Optional<String> token();

        Optional<String> tokenFile();

        /** PEM file of the API server's certificate authority. */
        Optional<String> caCertFile();
    }

    interface EnvironmentDefaults {
        Optional<String> cluster();

        /** {@code {service}}, {@code {team}} and {@code {environment}} are replaced. */
        Optional<String> namespacePattern();
    }
}
