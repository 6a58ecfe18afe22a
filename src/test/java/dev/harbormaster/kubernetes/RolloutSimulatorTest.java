package dev.harbormaster.kubernetes;

import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator plays the Deployment controller one step a tick against the mock server. */
class RolloutSimulatorTest {

    private SimulatedCluster cluster;
    private KubernetesClient client;
    private final RolloutSimulator simulator = new RolloutSimulator(null);

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(new VertxHttpClientFactory());
        client = cluster.client();
        Map<String, String> labels = Map.of("app.kubernetes.io/name", "web");
        client.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder().withNewMetadata().withName("web")
                .withNamespace("shop").withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(3).withProgressDeadlineSeconds(60).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec().addNewContainer()
                .withName("web").withImage("ghcr.io/example/web:1.0.0").endContainer().endSpec().endTemplate().endSpec()
                .build()).create();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Deployment web() {
        return client.apps().deployments().inNamespace("shop").withName("web").get();
    }

    private void ticks(int count, Instant now) {
        for (int i = 0; i < count; i++) {
            simulator.reconcile(client, web(), now);
        }
    }

    private void setImage(String image) {
        client.apps().deployments().inNamespace("shop").withName("web").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
            return d;
        });
    }

    private DeploymentCondition progressing() {
        return web().getStatus().getConditions().stream().filter(c -> c.getType().equals("Progressing")).findFirst().orElseThrow();
    }

    @Test
    void aNewVersionRollsOutOnePodAtATimeThenReportsNewReplicaSetAvailable() {
        ticks(10, Instant.now());
        assertEquals(3, web().getStatus().getReadyReplicas());
        assertEquals("1", web().getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));

        setImage("ghcr.io/example/web:1.1.0");
        ticks(1, Instant.now());
        assertEquals(1, web().getStatus().getUpdatedReplicas(), "one step, not all at once");
        assertEquals(web().getMetadata().getGeneration(), web().getStatus().getObservedGeneration());
        ticks(5, Instant.now());

        assertEquals(3, web().getStatus().getUpdatedReplicas());
        assertEquals(3, web().getStatus().getReplicas(), "old pods are gone");
        assertEquals("NewReplicaSetAvailable", progressing().getReason());
        assertEquals("2", web().getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
        assertEquals(3, client.pods().inNamespace("shop").list().getItems().size());
    }

    @Test
    void aBrokenImageNeverGetsReadyAndFailsWhenTheDeadlinePassesWithWarningEvents() {
        ticks(10, Instant.now());
        setImage("ghcr.io/example/web:1.1.0-broken");
        ticks(5, Instant.now());
        assertEquals(3, web().getStatus().getReadyReplicas(), "the old pods keep serving");
        assertEquals("ReplicaSetUpdated", progressing().getReason());
        assertTrue(client.pods().inNamespace("shop").list().getItems().stream().anyMatch(p ->
                "ImagePullBackOff".equals(p.getStatus().getContainerStatuses().get(0).getState().getWaiting() == null ? null
                        : p.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())));
        assertTrue(client.v1().events().inNamespace("shop").list().getItems().stream()
                .anyMatch(e -> "Warning".equals(e.getType()) && e.getMessage().contains("Failed to pull image")));

        ticks(1, Instant.now().plusSeconds(61));
        assertEquals("ProgressDeadlineExceeded", progressing().getReason());
        assertEquals("False", progressing().getStatus());
    }

    @Test
    void rollingBackReusesTheOldReplicaSetAsTheNewestRevision() {
        ticks(10, Instant.now());
        setImage("ghcr.io/example/web:1.1.0-crash");
        ticks(3, Instant.now());
        setImage("ghcr.io/example/web:1.0.0");
        ticks(3, Instant.now());

        assertEquals(2, client.apps().replicaSets().inNamespace("shop").list().getItems().size(), "no third ReplicaSet");
        assertEquals("3", web().getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
        assertEquals(3, web().getStatus().getReplicas(), "the crashing pod is gone");
        assertEquals("NewReplicaSetAvailable", progressing().getReason());
    }
}
