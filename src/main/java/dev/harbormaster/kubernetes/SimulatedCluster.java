package dev.harbormaster.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Kubernetes API server that cannot be run here, stood in for by Fabric8's mock server in CRUD mode on
 * loopback: objects are stored, listed, watched and patched (JSON merge patch, not strategic merge or server-side
 * apply), but nothing reconciles them. {@code RolloutSimulator} plays the controllers' part for Deployments.
 */
public final class SimulatedCluster implements AutoCloseable {

    /** How often the requests the mock server records (for tests to inspect; nothing here does) are dropped. */
    private static final Duration FORGET_REQUESTS_EVERY = Duration.ofSeconds(5);

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final ScheduledExecutorService forgetting;

    private SimulatedCluster(KubernetesMockServer server, MockWebServer webServer, HttpClient.Factory httpClients) {
        this.server = server;
        this.client = server.createClient(httpClients);
        // The mock server keeps every request it served in a queue that only takeRequest() empties: a sandbox that
        // runs for days (informers, rollout polls) would fill the heap with them (155,000 in 12 minutes with a
        // 50,000-service catalog, then back-to-back full GCs).
        this.forgetting = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "simulated-cluster-forget-requests");
            thread.setDaemon(true);
            return thread;
        });
        forgetting.scheduleWithFixedDelay(() -> forgetRequests(webServer), FORGET_REQUESTS_EVERY.toMillis(),
                FORGET_REQUESTS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param httpClients how the bot's client talks to it (the bot's own event loops, see {@code Clusters}) */
    public static SimulatedCluster start(HttpClient.Factory httpClients) {
        MockWebServer webServer = new MockWebServer();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), webServer, new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        return new SimulatedCluster(server, webServer, httpClients);
    }

    private static void forgetRequests(MockWebServer webServer) {
        try {
            while (webServer.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
                // dropped
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        forgetting.shutdownNow();
        client.close();
        server.destroy();
    }
}
