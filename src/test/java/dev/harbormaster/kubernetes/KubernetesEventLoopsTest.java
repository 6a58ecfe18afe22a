package dev.harbormaster.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, item 1: a cluster's answers are handled on the bot's own Kubernetes event loops, never on Quarkus's,
 * which also serve {@code /slack/events} (a slow cluster's large list held Slack's requests up for seconds).
 */
@QuarkusTest
class KubernetesEventLoopsTest {

    @Inject
    Clusters clusters;
    @Inject
    Vertx quarkusVertx;

    @Test
    void aClustersAnswerIsHandledOnTheBotsOwnEventLoops() throws Exception {
        KubernetesClient client = clusters.client("eks-eu-1");
        HttpClient http = client.getHttpClient();
        List<Object> owners = new ArrayList<>();
        for (int attempt = 0; attempt < 10; attempt++) {
            HttpRequest request = http.newHttpRequestBuilder().uri(client.getMasterUrl() + "api/v1/namespaces").build();
            // the callback is attached before the answer can arrive, so it runs where the answer is handled
            Object owner = http.sendAsync(request, String.class).thenApply(answer -> {
                Context context = Vertx.currentContext();
                return context == null ? "no Vert.x context" : context.owner();
            }).get(10, TimeUnit.SECONDS);
            owners.add(owner);
        }
        assertTrue(owners.stream().anyMatch(owner -> owner instanceof Vertx), "answers are handled on a Vert.x event loop: " + owners);
        assertFalse(owners.contains(quarkusVertx), "never on Quarkus's own event loops: " + owners);
    }
}
