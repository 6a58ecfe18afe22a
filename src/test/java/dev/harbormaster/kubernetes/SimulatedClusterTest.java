package dev.harbormaster.kubernetes;

import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The simulated API server does what the bot relies on: CRUD, JSON merge patches, status and watches. */
class SimulatedClusterTest {

    @Test
    void storesPatchesAndWatchesDeploymentsOnLoopback() throws Exception {
        try (SimulatedCluster cluster = SimulatedCluster.start(new VertxHttpClientFactory())) {
            assertTrue(cluster.url().contains("127.0.0.1") || cluster.url().contains("localhost"), cluster.url());
            KubernetesClient client = cluster.client();
            List<String> images = new CopyOnWriteArrayList<>();
            CountDownLatch updated = new CountDownLatch(1);
            var informer = client.apps().deployments().inNamespace("payments").inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Deployment deployment) {
                    images.add(image(deployment));
                }

                @Override
                public void onUpdate(Deployment before, Deployment after) {
                    images.add(image(after));
                    updated.countDown();
                }

                @Override
                public void onDelete(Deployment deployment, boolean unknownFinalState) {
                }
            });
            client.apps().deployments().inNamespace("payments").resource(new DeploymentBuilder()
                    .withNewMetadata().withName("payments-api").endMetadata()
                    .withNewSpec().withReplicas(3).withNewTemplate().withNewSpec().addNewContainer()
                    .withName("app").withImage("ghcr.io/example/payments-api:1.0.0").endContainer()
                    .endSpec().endTemplate().endSpec().build()).create();

            client.apps().deployments().inNamespace("payments").withName("payments-api").patch(
                    PatchContext.of(PatchType.JSON_MERGE), """
                            {"spec":{"replicas":5}}""");
            client.apps().deployments().inNamespace("payments").withName("payments-api").edit(deployment -> {
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                        .setImage("ghcr.io/example/payments-api:1.1.0");
                return deployment;
            });

            assertTrue(updated.await(10, TimeUnit.SECONDS));
            Deployment stored = client.apps().deployments().inNamespace("payments").withName("payments-api").get();
            assertEquals(5, stored.getSpec().getReplicas());
            assertEquals("ghcr.io/example/payments-api:1.1.0", image(stored));
            assertEquals("ghcr.io/example/payments-api:1.0.0", images.get(0));
            informer.close();
        }
    }

    private static String image(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
}
