package dev.harbormaster.deployment.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.catalog.ImportReport;
import dev.harbormaster.command.Mrkdwn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code /platform manifest} typed in the sandbox, as alice in #payments. */
@QuarkusTest
class ManifestCommandTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @Inject
    CatalogImport catalogImport;

    @Test
    void theAnswerCarriesYamlThatParsesIntoTheFourObjectsSizedFromTheCatalog() {
        String service = importService();

        Map<String, Object> answer = answer("manifest " + service + " --env production",
                "Kubernetes manifests for " + service);

        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yamlOf(answer).split("(?m)^---$")) {
            if (!document.isBlank()) {
                objects.add(YAML.unmarshal(document, HasMetadata.class));
            }
        }
        assertEquals(List.of("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"),
                objects.stream().map(HasMetadata::getKind).toList());
        Deployment deployment = (Deployment) objects.get(0);
        assertEquals("ghcr.io/example/" + service + ":${IMAGE_TAG}",
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("750m", deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getResources()
                .getRequests().get("cpu").toString());
        assertEquals(service, deployment.getMetadata().getNamespace());
        HorizontalPodAutoscaler autoscaler = (HorizontalPodAutoscaler) objects.get(2);
        assertEquals(List.of(2, 6), List.of(autoscaler.getSpec().getMinReplicas(), autoscaler.getSpec().getMaxReplicas()));
        assertEquals(service, ((PodDisruptionBudget) objects.get(3)).getSpec().getSelector().getMatchLabels()
                .get("app.kubernetes.io/name"));
    }

    @Test
    void anUnknownServiceOrEnvironmentGetsAnAnswerSayingWhatToType() {
        String service = importService();

        String unknownService = text(answer("manifest " + service + "x --env production", "No service named"));
        assertTrue(unknownService.contains("Did you mean `" + service + "`?"), unknownService);

        String unknownEnvironment = text(answer("manifest " + service + " --env prod", "has no environment"));
        assertTrue(unknownEnvironment.contains("`" + service + "` has no environment `prod`"), unknownEnvironment);
        assertTrue(unknownEnvironment.contains("It runs in staging, production"), unknownEnvironment);

        String noEnvironment = text(answer("manifest " + service, "Say which environment"));
        assertTrue(noEnvironment.contains("`/platform manifest " + service + " --env staging`"), noEnvironment);
    }

    private String importService() {
        String prefix = "m" + UUID.randomUUID().toString().substring(0, 6);
        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %1$s-api
                  annotations: {harbormaster.dev/image: ghcr.io/example/%1$s-api}
                spec:
                  type: service
                  lifecycle: production
                  owner: payments
                  harbormaster:
                    environments:
                      - {name: staging, cluster: eks-eu-staging, namespace: %1$s-staging, replicas: {min: 1, max: 2}, cpu: 250m, memory: 256Mi}
                      - {name: production, cluster: eks-eu-1, namespace: %1$s-api, replicas: {min: 2, max: 6}, cpu: 750m, memory: 1Gi}
                """.formatted(prefix);
        ImportReport report = catalogImport.importYaml("system", prefix + ".yaml", yaml);
        assertTrue(report.imported(), report.problems().toString());
        return prefix + "-api";
    }

    /** Alice's newest ephemeral answer in #payments that says {@code start} and names the service she typed. */
    private static Map<String, Object> answer(String commandLine, String start) {
        RestAssured.given().contentType("application/json")
                .body(Map.of("user", "alice", "channel", "payments", "text", commandLine))
                .post("/sandbox/command").then().statusCode(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> messages = RestAssured.get("/sandbox/messages?channel=payments&user=alice")
                    .jsonPath().getList("");
            String service = commandLine.split(" ")[1];
            for (int i = messages.size() - 1; i >= 0; i--) {
                Map<String, Object> message = messages.get(i);
                if ("alice".equals(message.get("ephemeral_to")) && text(message).contains(start)
                        && text(message).contains(service)) {
                    return message;
                }
            }
            sleep();
        }
        return fail("no answer to " + commandLine + " starting " + start);
    }

    @SuppressWarnings("unchecked")
    private static String yamlOf(Map<String, Object> message) {
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) message.get("blocks");
        return blocks.stream().filter(block -> "section".equals(block.get("type")))
                .map(block -> String.valueOf(((Map<String, Object>) block.get("text")).get("text")))
                .filter(text -> text.startsWith("```"))
                .map(text -> Mrkdwn.unescape(text.substring(4, text.length() - 3)))
                .collect(Collectors.joining());
    }

    private static String text(Map<String, Object> message) {
        return String.valueOf(message.get("text"));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
