package dev.harbormaster.deployment.watch;

import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.harbormaster.kubernetes.ClusterUnavailableException;
import dev.harbormaster.kubernetes.Workload;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A cluster that does not answer neither holds up the watcher nor stops it watching once it answers. */
class DeploymentInformersTest {

    private static final WatchedNamespace PAYMENTS = new WatchedNamespace("eks-eu-1", "payments");

    @Test
    void aClusterThatIsDownAtFirstIsWatchedOnceItAnswers() throws Exception {
        int port = freePort();
        AtomicBoolean configured = new AtomicBoolean(false);
        List<ExternalChange> reported = new CopyOnWriteArrayList<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        try (KubernetesClient client = WatchScenario.clientOf("http://127.0.0.1:" + port)) {
            DeploymentInformers informers = new DeploymentInformers(cluster -> {
                if (!configured.get()) {
                    throw new ClusterUnavailableException("cluster `eks-eu-1` is not configured in Harbormaster");
                }
                return client;
            }, new ExternalChangeSink() {
                @Override
                public Outcome report(Workload workload, ExternalChange change) {
                    reported.add(change);
                    return Outcome.REPORTED;
                }

                @Override
                public Outcome reportIfMissed(Workload workload, Deployment current) {
                    return Outcome.ALREADY_REPORTED;
                }
            }, Duration.ofMinutes(10), Duration.ofSeconds(1));
            CatalogWorkloads.Index index = new CatalogWorkloads.Index(Map.of(PAYMENTS, Map.of("payments-api",
                    new Workload("payments-api", "production", "eks-eu-1", "payments", "payments-api", false))));
            informers.activate();

            informers.watch(index);
            configured.set(true);
            informers.watch(index);
            assertTrue(informers.watching().isEmpty(), "nothing listens on " + port + " yet");

            server.init(InetAddress.getLoopbackAddress(), port);
            waitFor("the informer to start at a later refresh", () -> {
                informers.watch(index);
                return informers.watching().contains(PAYMENTS);
            });
            client.apps().deployments().inNamespace("payments").resource(new DeploymentBuilder()
                    .withNewMetadata().withName("payments-api").endMetadata()
                    .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("app")
                    .withImage("ghcr.io/example/payments-api:1.0.0").endContainer().endSpec().endTemplate().endSpec()
                    .build()).create();
            client.apps().deployments().inNamespace("payments").withName("payments-api").edit(deployment -> {
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                        .setImage("ghcr.io/example/payments-api:1.0.1");
                return deployment;
            });

            waitFor("the image change to be reported", () -> !reported.isEmpty());
            assertEquals("ghcr.io/example/payments-api:1.0.1", reported.get(0).images().get(0).toImage());
            informers.stopAll();
            assertTrue(informers.watching().isEmpty());
        } finally {
            server.destroy();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
