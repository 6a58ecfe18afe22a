package dev.harbormaster.deployment.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.command.Mrkdwn;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestGeneratorTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @Test
    void theYamlParsesBackIntoTheFourObjectsWithTheCatalogsValues() {
        ServiceManifests manifests = ManifestGenerator.generate(service(), production(3, 10));
        List<String> documents = manifests.yamlDocuments();

        Deployment deployment = YAML.unmarshal(documents.get(0), Deployment.class);
        io.fabric8.kubernetes.api.model.Service service = YAML.unmarshal(documents.get(1),
                io.fabric8.kubernetes.api.model.Service.class);
        HorizontalPodAutoscaler autoscaler = YAML.unmarshal(documents.get(2), HorizontalPodAutoscaler.class);
        PodDisruptionBudget budget = YAML.unmarshal(documents.get(3), PodDisruptionBudget.class);

        Map<String, String> labels = Map.of("app.kubernetes.io/name", "payments-api",
                "app.kubernetes.io/part-of", "payments-platform", "app.kubernetes.io/managed-by", "harbormaster",
                "backstage.io/kubernetes-id", "payments-api");
        assertEquals("payments", deployment.getMetadata().getNamespace());
        assertEquals(labels, deployment.getMetadata().getLabels());
        assertEquals(labels, deployment.getSpec().getTemplate().getMetadata().getLabels());
        assertEquals(Map.of("app.kubernetes.io/name", "payments-api"), deployment.getSpec().getSelector().getMatchLabels());
        assertNull(deployment.getSpec().getReplicas(), "the autoscaler owns the replica count");
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("ghcr.io/example/payments-api:${IMAGE_TAG}", container.getImage());
        assertEquals(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("512Mi")),
                container.getResources().getRequests());
        assertEquals("/health/ready", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/health/live", container.getLivenessProbe().getHttpGet().getPath());
        assertTrue(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
        assertFalse(container.getSecurityContext().getAllowPrivilegeEscalation());

        assertEquals(Map.of("app.kubernetes.io/name", "payments-api"), service.getSpec().getSelector());
        assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());

        assertEquals("autoscaling/v2", autoscaler.getApiVersion());
        assertEquals(3, autoscaler.getSpec().getMinReplicas());
        assertEquals(10, autoscaler.getSpec().getMaxReplicas());
        assertEquals("payments-api", autoscaler.getSpec().getScaleTargetRef().getName());

        assertEquals("policy/v1", budget.getApiVersion());
        assertEquals(1, budget.getSpec().getMaxUnavailable().getIntVal());
        assertEquals(Map.of("app.kubernetes.io/name", "payments-api"), budget.getSpec().getSelector().getMatchLabels());
        assertTrue(manifests.notes().isEmpty(), manifests.notes().toString());
    }

    @Test
    void whatTheCatalogLeavesOutIsFilledInAndSaid() {
        Service service = service();
        service.annotations = Map.of();
        Environment environment = production(null, null);
        environment.cpu = null;

        ServiceManifests manifests = ManifestGenerator.generate(service, environment);

        assertEquals("registry.example.com/payments-api:${IMAGE_TAG}",
                manifests.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals(1, manifests.autoscaler().getSpec().getMinReplicas());
        assertEquals(1, manifests.autoscaler().getSpec().getMaxReplicas());
        assertEquals(3, manifests.notes().size(), manifests.notes().toString());
    }

    @Test
    void longYamlIsSplitIntoSectionsSlackAccepts() {
        StringBuilder yaml = new StringBuilder("---\n");
        for (int i = 0; i < 400; i++) {
            yaml.append("  - name: \"VARIABLE_").append(i).append("\"\n    value: \"a < b & c\"\n");
        }

        List<String> chunks = ManifestMessage.chunks(yaml.toString());

        assertTrue(chunks.size() > 1);
        chunks.forEach(chunk -> assertTrue(chunk.length() + 7 <= ManifestMessage.SECTION_LIMIT, "" + chunk.length()));
        assertEquals(yaml.toString(), Mrkdwn.unescape(String.join("", chunks)));
    }

    static Service service() {
        Service service = new Service();
        service.name = "payments-api";
        service.system = "payments-platform";
        service.kubernetesId = "payments-api";
        service.annotations = Map.of(ManifestGenerator.IMAGE_ANNOTATION, "ghcr.io/example/payments-api");
        return service;
    }

    static Environment production(Integer min, Integer max) {
        Environment environment = new Environment();
        environment.name = "production";
        environment.cluster = "eks-eu-1";
        environment.namespace = "payments";
        environment.replicasMin = min;
        environment.replicasMax = max;
        environment.cpu = "500m";
        environment.memory = "512Mi";
        return environment;
    }
}
