package dev.harbormaster.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Alertmanager webhook notification, version 4 or the kube-prometheus form without a version. Where an older
 * sender leaves out {@code groupKey} or {@code fingerprint}, {@link AlertNotificationParser} derives them from the
 * labels the way Alertmanager would group and identify them.
 */
public record AlertNotification(String groupKey, String status, String receiver, Map<String, String> groupLabels,
                                Map<String, String> commonLabels, Map<String, String> commonAnnotations,
                                String externalUrl, List<Alert> alerts) {

    public AlertNotification {
        groupLabels = Map.copyOf(groupLabels);
        commonLabels = Map.copyOf(commonLabels);
        commonAnnotations = Map.copyOf(commonAnnotations);
        alerts = List.copyOf(alerts);
    }

    /** @param endsAt empty while Alertmanager does not know when it ends (its zero time) */
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                        Optional<Instant> endsAt, String generatorUrl, String fingerprint) {

        public Alert {
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
        }

        public boolean firing() {
            return "firing".equals(status);
        }
    }

    public boolean resolved() {
        return "resolved".equals(status);
    }

    /** A label every alert of the group shares, else the first alert's. */
    public Optional<String> label(String name) {
        return Optional.ofNullable(commonLabels.get(name))
                .or(() -> alerts.stream().map(a -> a.labels().get(name)).filter(v -> v != null).findFirst());
    }

    public Optional<String> annotation(String name) {
        return Optional.ofNullable(commonAnnotations.get(name))
                .or(() -> alerts.stream().map(a -> a.annotations().get(name)).filter(v -> v != null).findFirst());
    }
}
