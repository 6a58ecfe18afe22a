package dev.harbormaster.deployment;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trouble worth a thread reply, read from the rollout's pods and Warning events: images that cannot be pulled,
 * containers that crash, probes that fail, pods that cannot be scheduled. Each kind has a key, so that one
 * kind is reported once per rollout however many pods show it.
 *
 * @param key  stable for the kind of trouble, e.g. {@code pod:CrashLoopBackOff}
 * @param text for humans, already mrkdwn-escaped
 */
public record RolloutTrouble(String key, String text) {

    private static final Set<String> WAITING_REASONS = Set.of("ImagePullBackOff", "ErrImagePull", "CrashLoopBackOff",
            "CreateContainerConfigError", "InvalidImageName", "RunContainerError");
    private static final Set<String> EVENT_REASONS = Set.of("Unhealthy", "BackOff", "Failed", "FailedScheduling",
            "FailedCreate", "FailedMount");

    /**
     * @param podPrefix events count only when about a pod whose name starts with it (the Deployment's name and '-')
     */
    public static List<RolloutTrouble> find(List<Pod> pods, List<Event> events, String podPrefix) {
        Map<String, RolloutTrouble> found = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
                continue;
            }
            for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
                if (container.getState() == null || container.getState().getWaiting() == null) {
                    continue;
                }
                String reason = container.getState().getWaiting().getReason();
                if (reason != null && WAITING_REASONS.contains(reason)) {
                    String message = container.getState().getWaiting().getMessage();
                    found.putIfAbsent("pod:" + reason, new RolloutTrouble("pod:" + reason, "Pod `"
                            + escape(pod.getMetadata().getName()) + "` container `" + escape(container.getName()) + "` is in *"
                            + escape(reason) + "*" + (message == null || message.isBlank() ? "" : ": " + escape(message))
                            + (orZero(container.getRestartCount()) > 0 ? " (restarted " + container.getRestartCount() + " times)" : "")));
                }
            }
        }
        List<Event> warnings = new ArrayList<>(events.stream().filter(e -> "Warning".equals(e.getType()))
                .filter(e -> e.getInvolvedObject() != null && e.getInvolvedObject().getName() != null
                        && e.getInvolvedObject().getName().startsWith(podPrefix))
                .filter(e -> EVENT_REASONS.contains(e.getReason())).toList());
        for (Event event : warnings) {
            String key = "event:" + event.getReason();
            found.putIfAbsent(key, new RolloutTrouble(key, "Warning *" + escape(event.getReason()) + "* on `"
                    + escape(event.getInvolvedObject().getName()) + "`: " + escape(event.getMessage())));
        }
        return List.copyOf(found.values());
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String escape(String text) {
        return dev.harbormaster.command.Mrkdwn.escape(text).replace('`', '\'');
    }
}
