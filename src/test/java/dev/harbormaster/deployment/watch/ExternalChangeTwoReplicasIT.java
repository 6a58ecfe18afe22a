package dev.harbormaster.deployment.watch;

import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.harbormaster.testing.PackagedBot;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the packaged bot on one PostgreSQL and one Kubernetes API server (Fabric8's mock server in CRUD
 * mode, standing in for a real one): a Deployment edited directly in the cluster, as kubectl would, is announced
 * exactly once; after the leader stops, the other replica takes the Lease and announces the next change, once.
 */
class ExternalChangeTwoReplicasIT {

    private static final String SECRET = "watch-replicas-secret";
    private static final String IMAGE = "ghcr.io/example/payments-api:";
    private static final Pattern NOTICE = Pattern.compile("payments-api \\(production\\) changed outside Harbormaster: "
            + "[^\"]*?(?=\")");

    @TempDir
    Path work;

    @Test
    void aDeploymentEditedInTheClusterIsAnnouncedOnceByTwoReplicas() throws Exception {
        KubernetesMockServer apiServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        apiServer.init(InetAddress.getLoopbackAddress(), 0);
        try (KubernetesClient kubectl = apiServer.createClient();
             EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start()) {
            kubectl.apps().deployments().inNamespace("payments").resource(new DeploymentBuilder()
                    .withNewMetadata().withName("payments-api").endMetadata()
                    .withNewSpec().withReplicas(3).withNewTemplate().withNewSpec().addNewContainer()
                    .withName("app").withImage(IMAGE + "1.0.0").endContainer().endSpec().endTemplate().endSpec()
                    .build()).create();
            Path clusters = work.resolve("clusters.properties");
            Files.writeString(clusters, "harbormaster.kubernetes.clusters.eks-eu-1.api-url="
                    + kubectl.getMasterUrl() + "\n");
            Map<String, String> shared = new HashMap<>(Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                    "HARBORMASTER_AUDIT_KEY", "two-replicas-share-this-audit-key-0123456789",
                    "QUARKUS_CONFIG_LOCATIONS", clusters.toUri().toString(),
                    "HARBORMASTER_WATCH_LEASE_CLUSTER", "eks-eu-1",
                    "HARBORMASTER_WATCH_LEASE_DURATION", "4s",
                    "HARBORMASTER_WATCH_RENEW_DEADLINE", "3s",
                    "HARBORMASTER_WATCH_RETRY_PERIOD", "1s"));
            PackagedBot first = PackagedBot.start(work.resolve("a"), PackagedBot.freePort(), SECRET,
                    work.resolve("a.log"), withIdentity(shared, "replica-a"));
            PackagedBot second = PackagedBot.start(work.resolve("b"), PackagedBot.freePort(), SECRET,
                    work.resolve("b.log"), withIdentity(shared, "replica-b"));
            try {
                List<PackagedBot> replicas = List.of(first, second);
                PackagedBot leader = waitForLeader(replicas);
                PackagedBot follower = leader == first ? second : first;

                edit(kubectl, "1.1.0");
                waitFor("the notice of 1.1.0", () -> notices(replicas).size() == 1);
                Thread.sleep(3000);

                assertEquals(List.of("payments-api (production) changed outside Harbormaster: 1.0.0 → 1.1.0"
                        + " by someone outside Harbormaster on eks-eu-1"), notices(replicas),
                        "one notice across both replicas' workspaces; the replica that does not lead watches nothing");
                assertTrue(!follower.log().contains("leads the watcher"),
                        "the other replica never led while the first renewed the Lease");

                leader.close();
                waitFor("the other replica to lead and watch", () -> follower.log().contains("Watching Deployments in namespace payments"));
                edit(kubectl, "1.2.0");
                waitFor("the notice of 1.2.0", () -> notices(List.of(follower)).stream().anyMatch(n -> n.contains("1.2.0")));
                Thread.sleep(3000);

                assertEquals(List.of("payments-api (production) changed outside Harbormaster: 1.1.0 → 1.2.0"
                        + " by someone outside Harbormaster on eks-eu-1"),
                        notices(List.of(follower)).stream().filter(n -> n.contains("1.2.0")).toList());
            } finally {
                first.close();
                second.close();
                apiServer.destroy();
            }
        }
    }

    private static Map<String, String> withIdentity(Map<String, String> shared, String identity) {
        Map<String, String> env = new HashMap<>(shared);
        env.put("HARBORMASTER_WATCH_IDENTITY", identity);
        return env;
    }

    private static void edit(KubernetesClient kubectl, String version) {
        kubectl.apps().deployments().inNamespace("payments").withName("payments-api").edit(deployment -> {
            deployment.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(IMAGE + version);
            return deployment;
        });
    }

    private static PackagedBot waitForLeader(List<PackagedBot> replicas) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            for (PackagedBot replica : replicas) {
                if (replica.log().contains("Watching Deployments in namespace payments")) {
                    return replica;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no replica started watching; logs:\n" + replicas.get(0).log() + "\n"
                + replicas.get(1).log());
    }

    /** The external-change notices both replicas' sandbox workspaces received in #payments. */
    private static List<String> notices(List<PackagedBot> replicas) {
        List<String> notices = new ArrayList<>();
        for (PackagedBot replica : replicas) {
            try {
                Matcher matcher = NOTICE.matcher(replica.get("/sandbox/messages?channel=payments"));
                while (matcher.find()) {
                    notices.add(matcher.group());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return notices;
    }
}
