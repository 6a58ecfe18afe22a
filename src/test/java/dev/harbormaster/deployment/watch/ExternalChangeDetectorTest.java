package dev.harbormaster.deployment.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalChangeDetectorTest {

    @Test
    void anImageChangeWithoutAChangeIdIsExternalAndNamesTheFieldManagerOfTheNewestUpdate() {
        Deployment before = deployment("1", 4L, "ghcr.io/example/payments-api:1.4.1", Map.of());
        Deployment after = new DeploymentBuilder(deployment("2", 5L, "ghcr.io/example/payments-api:1.4.2", Map.of()))
                .editMetadata().withManagedFields(
                        new ManagedFieldsEntryBuilder().withManager("argocd-controller").withOperation("Update")
                                .withTime("2026-01-10T09:00:00Z").build(),
                        new ManagedFieldsEntryBuilder().withManager("kube-controller-manager").withOperation("Update")
                                .withTime("2026-01-10T09:05:00Z").build(),
                        new ManagedFieldsEntryBuilder().withManager("kubectl-edit").withOperation("Update")
                                .withTime("2026-01-10T09:04:00Z").build(),
                        new ManagedFieldsEntryBuilder().withManager("kubectl-rollout").withOperation("Update")
                                .withSubresource("status").withTime("2026-01-10T09:06:00Z").build())
                .endMetadata().build();

        ExternalChange change = ExternalChangeDetector.detect(before, after).orElseThrow();

        assertEquals(List.of(new ImageUpdate("app", "ghcr.io/example/payments-api:1.4.1",
                "ghcr.io/example/payments-api:1.4.2")), change.images());
        assertEquals("kubectl-edit", change.actor());
        assertEquals(5L, change.generation());
        assertEquals(3, change.replicas());
    }

    @Test
    void aNewChangeIdMeansHarbormasterMadeTheChange() {
        Deployment before = deployment("1", 4L, "app:1", Map.of(ExternalChangeDetector.CHANGE_ID, "41"));
        Deployment after = deployment("2", 5L, "app:2", Map.of(ExternalChangeDetector.CHANGE_ID, "42"));

        assertTrue(ExternalChangeDetector.detect(before, after).isEmpty());
        assertTrue(ExternalChangeDetector.detect(deployment("1", 4L, "app:1", Map.of()), after).isEmpty());
    }

    @Test
    void aChangeIdLeftFromAnEarlierHarbormasterDeployDoesNotHideALaterKubectlEdit() {
        Map<String, String> leftOver = Map.of(ExternalChangeDetector.CHANGE_ID, "42",
                ExternalChangeDetector.CHANGE_CAUSE, "harbormaster: deploy 1.4.2 by UALICE");
        Deployment before = deployment("7", 5L, "app:1.4.2", leftOver);
        Deployment after = deployment("8", 6L, "app:1.4.3", leftOver);

        ExternalChange change = ExternalChangeDetector.detect(before, after).orElseThrow();

        assertNull(change.actor(), "the change-cause was Harbormaster's, from the earlier deploy");
    }

    @Test
    void aChangeCauseWrittenWithTheChangeNamesWhoMadeIt() {
        Deployment before = deployment("1", 1L, "app:1", Map.of());
        Deployment after = deployment("2", 2L, "app:2",
                Map.of(ExternalChangeDetector.CHANGE_CAUSE, "CI pipeline 812 (release 2)"));

        assertEquals("CI pipeline 812 (release 2)", ExternalChangeDetector.detect(before, after).orElseThrow().actor());
    }

    @Test
    void resyncsScalingAndStatusUpdatesAreNoImageChange() {
        Deployment deployment = deployment("3", 2L, "app:1", Map.of());
        assertTrue(ExternalChangeDetector.detect(deployment, deployment).isEmpty(), "a resync");
        Deployment scaled = new DeploymentBuilder(deployment("4", 3L, "app:1", Map.of()))
                .editSpec().withReplicas(9).endSpec().build();
        assertTrue(ExternalChangeDetector.detect(deployment, scaled).isEmpty(), "scaling");
    }

    @Test
    void aNewLeaderFindsTheImageChangedSinceTheLastRecordedChange() {
        String image = "ghcr.io/example/payments-api:";
        ExternalChangeDetector.LastRecorded lastDeploy = new ExternalChangeDetector.LastRecorded(41, image + "1.4.1",
                image + "1.4.2", false);

        ExternalChange missed = ExternalChangeDetector.missed(deployment("9", 7L, image + "1.5.0",
                Map.of(ExternalChangeDetector.CHANGE_ID, "41")), lastDeploy).orElseThrow();

        assertEquals(List.of(new ImageUpdate("app", image + "1.4.2", image + "1.5.0")), missed.images());
        assertTrue(missed.noticedLate());
        assertEquals(7L, missed.generation());
        assertTrue(ExternalChangeDetector.missed(deployment("9", 7L, image + "1.4.2", Map.of()), lastDeploy).isEmpty(),
                "the image is what was recorded");
        assertTrue(ExternalChangeDetector.missed(deployment("9", 7L, image + "1.5.0", Map.of()), null).isEmpty(),
                "nothing recorded yet to compare with");
    }

    @Test
    void harbormastersOwnChangesAreNotMistakenForMissedOnes() {
        String image = "ghcr.io/example/payments-api:";
        ExternalChangeDetector.LastRecorded recordedBeforeItsEdit = new ExternalChangeDetector.LastRecorded(42,
                image + "1.4.2", image + "1.5.0", true);
        ExternalChangeDetector.LastRecorded older = new ExternalChangeDetector.LastRecorded(42, image + "1.4.1",
                image + "1.4.2", false);

        assertTrue(ExternalChangeDetector.missed(deployment("9", 7L, image + "1.4.2", Map.of()),
                recordedBeforeItsEdit).isEmpty(), "the deploy is recorded and its edit not applied yet");
        assertTrue(ExternalChangeDetector.missed(deployment("9", 8L, image + "1.6.0",
                Map.of(ExternalChangeDetector.CHANGE_ID, "43")), older).isEmpty(), "a newer change of Harbormaster's");
    }

    private static Deployment deployment(String resourceVersion, Long generation, String image,
                                         Map<String, String> annotations) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("payments-api").withNamespace("payments")
                .withResourceVersion(resourceVersion).withGeneration(generation).withAnnotations(annotations)
                .endMetadata()
                .withNewSpec().withReplicas(3).withNewTemplate().withNewSpec()
                .addNewContainer().withName("app").withImage(image).endContainer()
                .endSpec().endTemplate().endSpec().build();
    }
}
