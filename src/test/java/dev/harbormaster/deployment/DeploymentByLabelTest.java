package dev.harbormaster.deployment;

import static dev.harbormaster.deployment.DeploymentSandbox.ack;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.kubernetes.Clusters;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A Deployment named otherwise than the catalog entry is found by its {@code app.kubernetes.io/name} label. */
@QuarkusTest
class DeploymentByLabelTest {

    private static final String SERVICE = "ledger-labels";

    @Inject
    CatalogImport catalogImport;
    @Inject
    Clusters clusters;

    @Test
    void statusFindsTheDeploymentByItsNameLabelWhenNoneHasTheServicesName() {
        catalogImport.importYaml("UCAROL", "ledger-labels.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: ledger-labels
                  annotations:
                    harbormaster.dev/image: ghcr.io/example/ledger
                spec:
                  type: service
                  lifecycle: production
                  owner: payments
                  harbormaster:
                    environments:
                      - name: production
                        cluster: eks-eu-1
                        namespace: ledger-labels
                        replicas: {min: 2, max: 4}
                """);
        clusters.simulation().client().apps().deployments().inNamespace(SERVICE).resource(new DeploymentBuilder()
                .withNewMetadata().withName("ledger-blue").addToLabels("app.kubernetes.io/name", SERVICE).endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app.kubernetes.io/instance", "ledger-blue").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/instance", "ledger-blue").endMetadata()
                .withNewSpec().addNewContainer().withName("ledger").withImage("ghcr.io/example/ledger:7.1.0").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();

        String status = ack("alice", "payments", "status " + SERVICE + " --env production");

        assertTrue(status.contains("ledger-labels/ledger-blue"), status);
        assertTrue(status.contains("`7.1.0`"), status);
        assertTrue(clusters.simulation().client().apps().deployments().inNamespace(SERVICE).withName(SERVICE).get() == null,
                "no Deployment named after the service was made up beside the labelled one");
    }
}
