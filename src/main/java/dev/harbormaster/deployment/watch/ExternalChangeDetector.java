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

    /**
     * A change made while no replica watched: the Deployment as a new leader's informer first lists it, against the
     * last change recorded for it. Empty when nothing is recorded yet (nothing to compare with), when the image is
     * what the record says, or when the record is Harbormaster's own change still being applied (its edit may land
     * after the record) or older than the change-id the Deployment carries.
     */
    public static Optional<ExternalChange> missed(Deployment current, LastRecorded last) {
        if (last == null || last.toImage() == null || current.getSpec() == null) {
            return Optional.empty();
        }
        Map<String, String> images = images(current);
        if (images.isEmpty()) {
            return Optional.empty();
        }
        Map.Entry<String, String> first = images.entrySet().iterator().next();
        String image = first.getValue();
        if (image.equals(last.toImage()) || last.inProgress() && image.equals(last.fromImage())) {
            return Optional.empty();
        }
        String changeId = annotation(current.getMetadata(), CHANGE_ID);
        if (changeId != null && changeId.matches("\\d{1,18}") && Long.parseLong(changeId) > last.recordId()) {
            return Optional.empty();
        }
        List<ManagedFieldsEntry> entries = current.getMetadata().getManagedFields() == null ? List.of()
                : current.getMetadata().getManagedFields();
        String manager = newestManager(entries);
        return Optional.of(new ExternalChange(List.of(new ImageUpdate(first.getKey(), last.toImage(), image)), manager,
                current.getMetadata().getGeneration(), current.getSpec().getReplicas(), true));
    }

    /** The last change recorded for a workload, by Harbormaster or seen by the watcher. */
    public record LastRecorded(long recordId, String fromImage, String toImage, boolean inProgress) {
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
        return newestManager(after.getManagedFields() == null ? List.of() : after.getManagedFields());
    }

    private static String newestManager(List<ManagedFieldsEntry> entries) {
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
