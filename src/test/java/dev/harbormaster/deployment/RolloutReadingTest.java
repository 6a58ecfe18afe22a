package dev.harbormaster.deployment;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure reading of images, rollout status and trouble, as the commands and the tracker rely on. */
class RolloutReadingTest {

    @Test
    void imageReferencesSplitTheTagAfterTheLastSlashSoARegistryPortIsNotATag() {
        assertEquals(new ImageReference("ghcr.io/example/payments-api", "1.4.2"), ImageReference.parse("ghcr.io/example/payments-api:1.4.2"));
        ImageReference withPort = ImageReference.parse("registry.local:5000/payments-api");
        assertEquals("registry.local:5000/payments-api", withPort.repository());
        assertNull(withPort.tag());
        assertEquals("latest", withPort.version());
        assertEquals("registry.local:5000/payments-api:2.0", withPort.withTag("2.0").toString());
    }

    private static Deployment deployment(long generation, long observed, int updated, int total, int available, String reason) {
        DeploymentStatusBuilder status = new DeploymentStatusBuilder().withObservedGeneration(observed).withUpdatedReplicas(updated)
                .withReplicas(total).withReadyReplicas(available).withAvailableReplicas(available);
        if (reason != null) {
            status.addNewCondition().withType("Progressing").withStatus("ProgressDeadlineExceeded".equals(reason) ? "False" : "True")
                    .withReason(reason).withMessage("ReplicaSet \"web-1\" has timed out progressing.").endCondition();
        }
        return new DeploymentBuilder().withNewMetadata().withName("web").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(3).withProgressDeadlineSeconds(60).endSpec().withStatus(status.build()).build();
    }

    @Test
    void aRolloutSucceedsOnlyWhenEveryReplicaIsUpdatedAvailableAndNoOldOneIsLeft() {
        assertEquals(RolloutProgress.Phase.WAITING, RolloutProgress.of(deployment(2, 1, 3, 3, 3, null)).phase());
        assertEquals(RolloutProgress.Phase.PROGRESSING, RolloutProgress.of(deployment(2, 2, 2, 4, 3, null)).phase());
        assertEquals(RolloutProgress.Phase.PROGRESSING, RolloutProgress.of(deployment(2, 2, 3, 4, 3, null)).phase());
        assertEquals(RolloutProgress.Phase.PROGRESSING, RolloutProgress.of(deployment(2, 2, 3, 3, 2, null)).phase());
        assertEquals(RolloutProgress.Phase.SUCCEEDED, RolloutProgress.of(deployment(2, 2, 3, 3, 3, "NewReplicaSetAvailable")).phase());
        RolloutProgress failed = RolloutProgress.of(deployment(2, 2, 1, 4, 3, "ProgressDeadlineExceeded"));
        assertEquals(RolloutProgress.Phase.FAILED, failed.phase());
        assertTrue(failed.detail().contains("progress deadline exceeded (60s)"), failed.detail());
    }

    @Test
    void troubleIsReportedOncePerKindAndOnlyForThisDeploymentsPods() {
        var crashing = List.of(1, 2).stream().map(i -> new PodBuilder().withNewMetadata().withName("web-abc-" + i).endMetadata()
                .withNewStatus().addNewContainerStatus().withName("web").withRestartCount(3).withNewState().withNewWaiting()
                .withReason("CrashLoopBackOff").withMessage("back-off 40s <restarting>").endWaiting().endState().endContainerStatus()
                .endStatus().build()).toList();
        var events = List.of(
                new EventBuilder().withType("Warning").withReason("Unhealthy").withMessage("Readiness probe failed: 503")
                        .withNewInvolvedObject().withName("web-abc-1").endInvolvedObject().build(),
                new EventBuilder().withType("Warning").withReason("Unhealthy").withMessage("Readiness probe failed")
                        .withNewInvolvedObject().withName("webshop-x-1").endInvolvedObject().build(),
                new EventBuilder().withType("Normal").withReason("Pulled").withMessage("pulled")
                        .withNewInvolvedObject().withName("web-abc-1").endInvolvedObject().build());

        List<RolloutTrouble> trouble = RolloutTrouble.find(crashing, events, "web-");

        assertEquals(List.of("pod:CrashLoopBackOff", "event:Unhealthy"), trouble.stream().map(RolloutTrouble::key).toList());
        assertTrue(trouble.get(0).text().contains("*CrashLoopBackOff*: back-off 40s &lt;restarting&gt; (restarted 3 times)"),
                trouble.get(0).text());
        assertTrue(trouble.get(1).text().contains("Readiness probe failed: 503"), trouble.get(1).text());
    }
}
