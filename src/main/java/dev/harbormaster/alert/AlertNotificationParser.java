package dev.harbormaster.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads Alertmanager's webhook body. Version "4" and the kube-prometheus form without a {@code version} are read
 * alike; a missing {@code groupKey} is derived from the group labels and a missing {@code fingerprint} from the
 * alert's labels (FNV-1a over the sorted labels, as Prometheus computes it). Pure: no CDI.
 */
public final class AlertNotificationParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STATUSES = Set.of("firing", "resolved");
    /** Alertmanager's zero time: the alert's end is not known yet. */
    private static final int UNKNOWN_YEAR = 1;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final byte SEPARATOR = (byte) 0xff;

    private AlertNotificationParser() {
    }

    /** @throws InvalidNotificationException naming the field that is missing or wrong */
    public static AlertNotification parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidNotificationException("The body is not valid JSON" + (e.getLocation() == null ? "."
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")."));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidNotificationException("The body must be a JSON object, an Alertmanager webhook notification.");
        }
        JsonNode version = root.path("version");
        if (!version.isMissingNode() && !"4".equals(version.asText())) {
            throw new InvalidNotificationException("Field `version` is `" + cut(version.asText())
                    + "`; this receiver reads webhook version 4 (or no version, as kube-prometheus sends).");
        }
        String status = status(root.path("status"), "status");
        JsonNode alertsNode = root.path("alerts");
        if (!alertsNode.isArray() || alertsNode.isEmpty()) {
            throw new InvalidNotificationException("Field `alerts` is missing or empty; a notification carries at least one alert.");
        }
        List<AlertNotification.Alert> alerts = new ArrayList<>();
        for (int i = 0; i < alertsNode.size(); i++) {
            alerts.add(alert(alertsNode.get(i), "alerts[" + i + "]"));
        }
        Map<String, String> groupLabels = strings(root.path("groupLabels"), "groupLabels", false);
        Map<String, String> commonLabels = strings(root.path("commonLabels"), "commonLabels", false);
        Map<String, String> commonAnnotations = strings(root.path("commonAnnotations"), "commonAnnotations", false);
        String groupKey = text(root.path("groupKey"));
        if (groupKey == null) {
            groupKey = "{}:" + labelSet(groupLabels.isEmpty() ? alerts.get(0).labels() : groupLabels);
        }
        return new AlertNotification(groupKey, status, text(root.path("receiver")), groupLabels, commonLabels,
                commonAnnotations, text(root.path("externalURL")), alerts);
    }

    private static AlertNotification.Alert alert(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidNotificationException("Field `" + path + "` must be an object.");
        }
        Map<String, String> labels = strings(node.path("labels"), path + ".labels", true);
        Map<String, String> annotations = strings(node.path("annotations"), path + ".annotations", false);
        String status = node.has("status") ? status(node.path("status"), path + ".status") : "firing";
        Instant startsAt = time(node.path("startsAt"), path + ".startsAt")
                .orElseThrow(() -> new InvalidNotificationException("Field `" + path + ".startsAt` is missing."));
        Optional<Instant> endsAt = node.has("endsAt") ? time(node.path("endsAt"), path + ".endsAt") : Optional.empty();
        String generator = text(node.path("generatorURL"));
        String fingerprint = text(node.path("fingerprint"));
        return new AlertNotification.Alert(status, labels, annotations, startsAt, endsAt,
                generator == null ? null : generator.strip(), fingerprint == null ? fingerprint(labels) : fingerprint);
    }

    private static String status(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            throw new InvalidNotificationException("Field `" + path + "` is missing; it is `firing` or `resolved`.");
        }
        if (!node.isTextual() || !STATUSES.contains(node.asText())) {
            throw new InvalidNotificationException("Field `" + path + "` is `" + cut(node.asText())
                    + "`; it must be `firing` or `resolved`.");
        }
        return node.asText();
    }

    private static Map<String, String> strings(JsonNode node, String path, boolean required) {
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                throw new InvalidNotificationException("Field `" + path + "` is missing.");
            }
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidNotificationException("Field `" + path + "` must be an object of strings.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw new InvalidNotificationException("Field `" + path + "." + cut(field.getKey()) + "` must be a string.");
            }
            values.put(field.getKey(), field.getValue().asText());
        });
        return values;
    }

    private static Optional<Instant> time(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(node.asText());
            return time.getYear() <= UNKNOWN_YEAR ? Optional.empty() : Optional.of(time.toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidNotificationException("Field `" + path + "` is `" + cut(node.asText())
                    + "`, not an RFC 3339 time such as 2026-12-02T07:49:04Z.");
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() && !node.asText().isBlank() ? node.asText() : null;
    }

    /** Labels as Alertmanager prints a label set: {@code {a="1", b="2"}}, sorted by name. */
    static String labelSet(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Prometheus' label-set fingerprint: FNV-1a 64 over the sorted names and values, each followed by 0xff. */
    static String fingerprint(Map<String, String> labels) {
        long hash = FNV_OFFSET;
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            hash = add(hash, label.getKey().getBytes(StandardCharsets.UTF_8));
            hash = add(hash, new byte[]{SEPARATOR});
            hash = add(hash, label.getValue().getBytes(StandardCharsets.UTF_8));
            hash = add(hash, new byte[]{SEPARATOR});
        }
        return String.format("%016x", hash);
    }

    private static long add(long hash, byte[] bytes) {
        long h = hash;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    private static String cut(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "…" : oneLine;
    }
}
