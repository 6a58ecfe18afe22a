package dev.harbormaster.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;

/**
 * A Kubernetes API server that cannot be run here, stood in for by Fabric8's mock server in CRUD mode on
 * loopback: objects are stored, listed, watched and patched (JSON merge patch, not strategic merge or server-side
 * apply), but nothing reconciles them. {@code RolloutSimulator} plays the controllers' part for Deployments.
 */
public final class SimulatedCluster implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private SimulatedCluster(KubernetesMockServer server, HttpClient.Factory httpClients) {
        this.server = server;
        this.client = server.createClient(httpClients);
    }

    /** @param httpClients how the bot's client talks to it (the bot's own event loops, see {@code Clusters}) */
    public static SimulatedCluster start(HttpClient.Factory httpClients) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        return new SimulatedCluster(server, httpClients);
    }

    public KubernetesClient client() {
        return client;
    }

    /** The API server's URL, for a second client (a second replica in tests). */
    public String url() {
        return client.getMasterUrl().toString();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
