package dev.harbormaster.kubernetes;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Fabric8's HTTP clients run on a Vert.x of their own. Inside Quarkus, Fabric8 would otherwise take Quarkus's Vert.x,
 * whose event loops also serve {@code /slack/events}: a large list from a slow cluster, deserialised on those loops,
 * held up Slack's requests for seconds. Here a cluster can only hold up Kubernetes calls.
 */
final class KubernetesEventLoops implements AutoCloseable {

    private static final int EVENT_LOOPS = 2;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS).setWorkerPoolSize(4)
            .setUseDaemonThread(true));
    private final HttpClient.Factory factory = new VertxHttpClientFactory(vertx);

    HttpClient.Factory httpClients() {
        return factory;
    }

    @Override
    public void close() {
        vertx.close();
    }
}
