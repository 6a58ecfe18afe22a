package dev.harbormaster.deployment.watch;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Tells, from a Deployment before and after an update, whether its image changed and whether someone other than
 * Harbormaster changed it. Harbormaster writes a new {@value #CHANGE_ID} in the same update as its own changes, so an
 * image change that leaves that annotation absent or as it was came from elsewhere.
 */
public final class ExternalChangeDetector {

    public static final String CHANGE_ID = "harbormaster.dev/change-id";
    public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

    /** Controllers that write to a Deployment after every rollout; they never made the change themselves. */
    private static final Set<String> CONTROLLERS = Set.of("kube-controller-manager");

    private ExternalChangeDetector() {
    }

    public static Optional<ExternalChange> detect(Deployment before, Deployment after) {
        if (before == null || after == null
                || Objects.equals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
            return Optional.empty();
        }
        List<ImageUpdate> updates = imageUpdates(images(before), images(after));
        if (updates.isEmpty() || madeByHarbormaster(before.getMetadata(), after.getMetadata())) {
            return Optional.empty();
        }
        Integer replicas = after.getSpec() == null ? null : after.getSpec().getReplicas();
        return Optional.of(new ExternalChange(updates, actor(before.getMetadata(), after.getMetadata()),
                after.getMetadata().getGeneration(), replicas));
    }

    private static boolean madeByHarbormaster(ObjectMeta before, ObjectMeta after) {
        String changeId = annotation(after, CHANGE_ID);
        return changeId != null && !changeId.equals(annotation(before, CHANGE_ID));
    }

    /**
     * A change-cause counts only when this update wrote it: one left over from an earlier rollout would name the
     * wrong person. Else the manager of the newest update to the object itself (not its status).
     */
    private static String actor(ObjectMeta before, ObjectMeta after) {
        String cause = annotation(after, CHANGE_CAUSE);
        if (cause != null && !cause.isBlank() && !cause.equals(annotation(before, CHANGE_CAUSE))) {
            return cause;
        }
        List<ManagedFieldsEntry> entries = after.getManagedFields() == null ? List.of() : after.getManagedFields();
        return entries.stream()
                .filter(entry -> entry.getManager() != null && !CONTROLLERS.contains(entry.getManager()))
                .filter(entry -> entry.getSubresource() == null || entry.getSubresource().isEmpty())
                .max(Comparator.comparing(entry -> entry.getTime() == null ? "" : entry.getTime()))
                .map(ManagedFieldsEntry::getManager)
                .orElse(null);
    }

    private static List<ImageUpdate> imageUpdates(Map<String, String> before, Map<String, String> after) {
        List<ImageUpdate> updates = new ArrayList<>();
        after.forEach((container, image) -> {
            String previous = before.get(container);
            if (previous != null && !previous.equals(image)) {
                updates.add(new ImageUpdate(container, previous, image));
            }
        });
        return updates;
    }

    private static Map<String, String> images(Deployment deployment) {
        Map<String, String> images = new LinkedHashMap<>();
        if (deployment.getSpec() == null || deployment.getSpec().getTemplate() == null
                || deployment.getSpec().getTemplate().getSpec() == null) {
            return images;
        }
        for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
            images.put(container.getName(), container.getImage());
        }
        return images;
    }

    private static String annotation(ObjectMeta metadata, String name) {
        return metadata == null || metadata.getAnnotations() == null ? null : metadata.getAnnotations().get(name);
    }
}
