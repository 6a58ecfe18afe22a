package dev.harbormaster.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The simulator's own ticker, as the sandbox runs it: it rests while every Deployment is settled, and a change written
 * by anyone else (kubectl, another replica, a test) still rolls out.
 */
@QuarkusTest
class RolloutSimulatorTickerTest {

    private static final Duration ROLLOUT = Duration.ofSeconds(30);

    @Inject
    Clusters clusters;

    @Test
    void aDeploymentCreatedOrScaledBehindTheBotsBackRollsOutAfterTheTickerHasRested() throws InterruptedException {
        KubernetesClient client = clusters.simulation().client();
        String namespace = "ticker-" + Long.toHexString(System.nanoTime());
        Map<String, String> labels = Map.of("app.kubernetes.io/name", "ticker-web");
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName("ticker-web").withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec().addNewContainer()
                .withName("web").withImage("ghcr.io/example/ticker-web:1.0.0").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        assertEquals(2, readyReplicasWithin(client, namespace, 2));

        // settled: the ticker has nothing to do and rests for a few of its periods
        Thread.sleep(3_000);
        client.apps().deployments().inNamespace(namespace).withName("ticker-web").scale(4);
        assertEquals(4, readyReplicasWithin(client, namespace, 4));
    }

    private static int readyReplicasWithin(KubernetesClient client, String namespace, int wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(ROLLOUT);
        int ready = 0;
        while (Instant.now().isBefore(deadline)) {
            Deployment deployment = client.apps().deployments().inNamespace(namespace).withName("ticker-web").get();
            ready = Optional.ofNullable(deployment.getStatus()).map(s -> s.getReadyReplicas()).orElse(0);
            if (ready == wanted) {
                return ready;
            }
            Thread.sleep(200);
        }
        return ready;
    }
}
