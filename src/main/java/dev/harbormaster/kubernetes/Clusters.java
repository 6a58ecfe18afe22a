package dev.harbormaster.kubernetes;

import dev.harbormaster.slack.SlackConnection;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One Fabric8 client per configured cluster, built on first use. In simulated mode every cluster name resolves
 * to the one simulated API server, so the demo catalog's clusters (eks-eu-1, eks-us-1, …) all "exist".
 */
@ApplicationScoped
public class Clusters {

    private static final Logger LOG = Logger.getLogger(Clusters.class);

    private final KubernetesSettings settings;
    private final boolean simulated;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
    private volatile SimulatedCluster simulation;
    private volatile KubernetesEventLoops eventLoops;

    public Clusters(KubernetesSettings settings, SlackConnection slack) {
        this.settings = settings;
        this.simulated = switch (settings.simulated()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> slack.sandbox() && settings.clusters().isEmpty();
        };
    }

    /** True when every answer comes from the simulated cluster; messages then say so. */
    public boolean simulated() {
        return simulated;
    }

    /** The cluster names the bot can reach (configured ones; none listed when simulated: any name works). */
    public Set<String> configured() {
        return new TreeSet<>(settings.clusters().keySet());
    }

    public boolean knows(String cluster) {
        return simulated || settings.clusters().containsKey(cluster);
    }

    /** The client for a cluster; a {@link ClusterUnavailableException} names the cluster when it is not configured. */
    public KubernetesClient client(String cluster) {
        if (simulated) {
            return simulation().client();
        }
        KubernetesSettings.ClusterConnection connection = settings.clusters().get(cluster);
        if (connection == null) {
            throw new ClusterUnavailableException("cluster `" + cluster + "` is not configured in Harbormaster"
                    + (settings.clusters().isEmpty() ? "" : " (configured: " + String.join(", ", configured()) + ")"));
        }
        return clients.computeIfAbsent(cluster, name -> build(name, connection));
    }

    /** The simulated API server itself (for the rollout simulator and tests); starts it on first use. */
    public synchronized SimulatedCluster simulation() {
        if (!simulated) {
            throw new IllegalStateException("no simulated cluster: real clusters are configured");
        }
        if (simulation == null) {
            simulation = SimulatedCluster.start(eventLoops().httpClients());
            LOG.infof("Simulated Kubernetes API server (Fabric8 mock server, CRUD mode) at %s", simulation.url());
        }
        return simulation;
    }

    private KubernetesClient build(String name, KubernetesSettings.ClusterConnection connection) {
        Config config;
        if (connection.apiUrl().isPresent()) {
            ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(connection.apiUrl().get());
            connection.token().or(() -> connection.tokenFile().map(Clusters::readToken)).ifPresent(builder::withOauthToken);
            connection.caCertFile().ifPresent(builder::withCaCertFile);
            config = builder.build();
        } else {
            String context = connection.context().orElse(name);
            String kubeconfig = settings.kubeconfig().orElse(null);
            config = kubeconfig == null ? Config.autoConfigure(context) : fromKubeconfig(kubeconfig, context);
        }
        config.setRequestTimeout(10_000);
        config.setConnectionTimeout(5_000);
        LOG.infof("Kubernetes cluster %s at %s", name, config.getMasterUrl());
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(eventLoops().httpClients()).build();
    }

    /** Started on the first client, so start-up never waits for it and a bot without clusters has none. */
    private synchronized KubernetesEventLoops eventLoops() {
        if (eventLoops == null) {
            eventLoops = new KubernetesEventLoops();
        }
        return eventLoops;
    }

    private static Config fromKubeconfig(String file, String context) {
        try {
            return Config.fromKubeconfig(context, Files.readString(Path.of(file), StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new ClusterUnavailableException("cannot read the kubeconfig file " + file);
        }
    }

    private static String readToken(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new ClusterUnavailableException("cannot read the token file " + file);
        }
    }

    void close(@Observes ShutdownEvent event) {
        clients.values().forEach(KubernetesClient::close);
        if (simulation != null) {
            simulation.close();
        }
        if (eventLoops != null) {
            eventLoops.close();
        }
    }
}
