package dev.harbormaster.deployment.watch;

import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.catalog.ImportReport;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.restassured.RestAssured;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A test's own catalog service (owned by a team whose channel is #payments) running as a Deployment in its own
 * namespace of the simulated cluster, and the edits kubectl or a pipeline would make to it.
 */
final class WatchScenario {

    static final String CLUSTER = "eks-eu-1";

    final String prefix;
    final String service;
    final String namespace;
    final WatchedNamespace watched;

    private WatchScenario(String prefix, String namespace) {
        this.prefix = prefix;
        this.service = prefix + "-api";
        this.namespace = namespace == null ? prefix : namespace;
        this.watched = new WatchedNamespace(CLUSTER, this.namespace);
    }

    WatchScenario(CatalogImport catalogImport) {
        this("w" + UUID.randomUUID().toString().substring(0, 6), null);
        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %1$s-team
                  annotations: {harbormaster.dev/slack-channel: payments}
                spec: {type: team}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %2$s
                  annotations: {harbormaster.dev/tier: "2", harbormaster.dev/image: ghcr.io/example/%2$s}
                spec:
                  type: service
                  lifecycle: production
                  owner: %1$s-team
                  harbormaster:
                    environments:
                      - {name: production, cluster: %3$s, namespace: %1$s, replicas: {min: 2, max: 4}, cpu: 250m, memory: 256Mi}
                """.formatted(prefix, service, CLUSTER);
        ImportReport report = catalogImport.importYaml("system", prefix + ".yaml", yaml);
        assertTrue(report.imported(), report.problems().toString());
    }

    /** The same service's Deployment, but in another namespace than the catalog names. */
    WatchScenario inNamespace(String otherNamespace) {
        return new WatchScenario(prefix, otherNamespace);
    }

    /** A second client on the simulated API server, as kubectl or Argo CD would have. */
    static KubernetesClient clientOf(String apiServerUrl) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(apiServerUrl).withRequestTimeout(5_000).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    void seed(KubernetesClient client, String tag) {
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(service).endMetadata()
                .withNewSpec().withReplicas(2).withNewTemplate().withNewSpec().addNewContainer()
                .withName("app").withImage(image(tag)).endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
    }

    /** What {@code kubectl edit} does: a new image, and the API server records kubectl-edit as the field manager. */
    void kubectlEdit(KubernetesClient client, String tag) {
        client.apps().deployments().inNamespace(namespace).withName(service).edit(deployment -> withImage(
                new DeploymentBuilder(deployment).editMetadata().withManagedFields(new ManagedFieldsEntryBuilder()
                        .withManager("kubectl-edit").withOperation("Update").withApiVersion("apps/v1")
                        .withTime(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT))
                        .build()).endMetadata().build(), tag));
    }

    /** A pipeline that says what it did in the change-cause annotation. */
    void pipelineDeploy(KubernetesClient client, String tag, String changeCause) {
        client.apps().deployments().inNamespace(namespace).withName(service).edit(deployment -> withImage(
                new DeploymentBuilder(deployment).editMetadata()
                        .addToAnnotations(ExternalChangeDetector.CHANGE_CAUSE, changeCause).endMetadata().build(), tag));
    }

    /** Harbormaster's own update: a new change-id written with the new image. */
    void harbormasterDeploy(KubernetesClient client, String tag, String changeId) {
        client.apps().deployments().inNamespace(namespace).withName(service).edit(deployment -> withImage(
                new DeploymentBuilder(deployment).editMetadata()
                        .addToAnnotations(ExternalChangeDetector.CHANGE_ID, changeId)
                        .addToAnnotations(ExternalChangeDetector.CHANGE_CAUSE, "harbormaster: deploy " + tag + " by UALICE")
                        .endMetadata().build(), tag));
    }

    /** The notices about this scenario's service in #payments, as the team sees them. */
    List<String> notices() {
        List<Map<String, Object>> messages = RestAssured.get("/sandbox/messages?channel=payments").jsonPath().getList("");
        return messages.stream().map(message -> String.valueOf(message.get("text")))
                .filter(text -> text.startsWith(service + " ")).toList();
    }

    String image(String tag) {
        return "ghcr.io/example/" + service + ":" + tag;
    }

    private Deployment withImage(Deployment deployment, String tag) {
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image(tag));
        return deployment;
    }

}
