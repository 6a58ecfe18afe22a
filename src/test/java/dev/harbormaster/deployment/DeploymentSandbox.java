package dev.harbormaster.deployment;

import static dev.harbormaster.testing.Await.waitFor;
import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.kubernetes.Clusters;
import dev.harbormaster.kubernetes.RolloutSimulator;
import dev.harbormaster.kubernetes.SimulatedWorkloads;
import dev.harbormaster.testing.DemoCatalog;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox and the simulated cluster driven as people and the cluster would, for deployment tests. */
final class DeploymentSandbox {

    private DeploymentSandbox() {
    }

    /** The demo's payments-api with a fresh Deployment at 1.0.0 in both environments. */
    static void freshPaymentsApi(CatalogImport catalogImport, Clusters clusters, SimulatedWorkloads workloads) throws IOException {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
        DemoCatalog.restore(catalogImport, "users.yaml", "teams.yaml", "payments-api.yaml");
        KubernetesClient client = clusters.simulation().client();
        for (String namespace : List.of("payments", "payments-staging")) {
            client.apps().deployments().inNamespace(namespace).withName("payments-api").delete();
            client.apps().replicaSets().inNamespace(namespace).withLabel("app.kubernetes.io/name", "payments-api").delete();
            client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/name", "payments-api").delete();
        }
        workloads.ensureAll();
    }

    static Deployment deployment(Clusters clusters, String namespace) {
        return clusters.simulation().client().apps().deployments().inNamespace(namespace).withName("payments-api").get();
    }

    static String image(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    static JsonPath command(String user, String channel, String text) {
        return RestAssured.given().contentType("application/json")
                .body(Map.of("user", user, "channel", channel, "text", text))
                .post("/sandbox/command").then().statusCode(200).extract().jsonPath();
    }

    static String ack(String user, String channel, String text) {
        return command(user, channel, text).getString("ack.text");
    }

    static void click(String user, String channel, String ts, String actionId, String value) {
        RestAssured.given().contentType("application/json")
                .body(Map.of("user", user, "channel", channel, "ts", ts, "action_id", actionId, "value", value))
                .post("/sandbox/click").then().statusCode(200);
    }

    static List<Map<String, Object>> messages(String channel, String user) {
        return RestAssured.get("/sandbox/messages?channel=" + channel + (user == null ? "" : "&user=" + user)).jsonPath().getList("");
    }

    /** The first message in the channel (shared, or ephemeral to {@code user}) whose text and blocks contain every part. */
    static Map<String, Object> message(String channel, String user, String... parts) {
        return waitFor("a message in " + channel + " with " + List.of(parts), () -> find(channel, user, parts));
    }

    static Map<String, Object> find(String channel, String user, String... parts) {
        return messages(channel, user).stream().filter(m -> {
            String all = m.get("text") + " " + m.get("blocks");
            for (String part : parts) {
                if (!all.contains(part)) {
                    return false;
                }
            }
            return true;
        }).findFirst().orElse(null);
    }

    /** Plays the cluster and the tracker until {@code done} holds (the outbox delivers on its own). */
    static <T> T rollOut(RolloutSimulator simulator, RolloutTracker tracker, String what, Supplier<T> done) {
        return waitFor(what, () -> {
            simulator.tick();
            tracker.poll();
            return done.get();
        });
    }

    static long requestId(String ackText) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Request #(\\d+)").matcher(ackText);
        assertTrue(m.find(), "no request number in: " + ackText);
        return Long.parseLong(m.group(1));
    }

}
