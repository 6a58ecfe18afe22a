package dev.harbormaster.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

import java.util.Optional;

/**
 * Where a Deployment's rollout stands, read the way {@code kubectl rollout status} reads it: the controller must
 * have seen the change (observed generation), then every replica must be updated and available with no old one
 * left; the Progressing condition with reason {@code ProgressDeadlineExceeded} means it failed.
 */
public record RolloutProgress(Phase phase, int desired, int updated, int ready, int available, int total, String detail) {

    public enum Phase { WAITING, PROGRESSING, SUCCEEDED, FAILED }

    static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    public static RolloutProgress of(Deployment deployment) {
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        DeploymentStatus status = deployment.getStatus();
        if (status == null) {
            return new RolloutProgress(Phase.WAITING, desired, 0, 0, 0, 0, "waiting for the Deployment controller");
        }
        int updated = orZero(status.getUpdatedReplicas());
        int ready = orZero(status.getReadyReplicas());
        int available = orZero(status.getAvailableReplicas());
        int total = orZero(status.getReplicas());
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        long observed = status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
        if (observed < generation) {
            return new RolloutProgress(Phase.WAITING, desired, updated, ready, available, total,
                    "waiting for the Deployment controller to see the change");
        }
        Optional<DeploymentCondition> progressing = condition(status, "Progressing");
        if (progressing.filter(c -> DEADLINE_EXCEEDED.equals(c.getReason())).isPresent()) {
            return new RolloutProgress(Phase.FAILED, desired, updated, ready, available, total,
                    "progress deadline exceeded" + deadline(deployment) + ": " + progressing.get().getMessage());
        }
        if (updated < desired) {
            return new RolloutProgress(Phase.PROGRESSING, desired, updated, ready, available, total,
                    updated + " of " + desired + " new replicas updated");
        }
        if (total > updated) {
            return new RolloutProgress(Phase.PROGRESSING, desired, updated, ready, available, total,
                    (total - updated) + " old replicas pending termination");
        }
        if (available < updated) {
            return new RolloutProgress(Phase.PROGRESSING, desired, updated, ready, available, total,
                    available + " of " + updated + " updated replicas available");
        }
        return new RolloutProgress(Phase.SUCCEEDED, desired, updated, ready, available, total, "successfully rolled out");
    }

    public boolean finished() {
        return phase == Phase.SUCCEEDED || phase == Phase.FAILED;
    }

    /** The rollout condition for {@code status}: Progressing's reason, or Available's when that is all there is. */
    public static String condition(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        if (status == null) {
            return "no status yet";
        }
        return condition(status, "Progressing").map(c -> "Progressing=" + c.getStatus() + " (" + c.getReason() + ")")
                .or(() -> condition(status, "Available").map(c -> "Available=" + c.getStatus()))
                .orElse("no conditions yet");
    }

    private static Optional<DeploymentCondition> condition(DeploymentStatus status, String type) {
        return status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static String deadline(Deployment deployment) {
        Integer seconds = deployment.getSpec().getProgressDeadlineSeconds();
        return seconds == null ? "" : " (" + seconds + "s)";
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
