package dev.harbormaster.addon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harbormaster.kubernetes.Clusters;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binding credentials go here and nowhere else: a Secret {@code addon-<name>} in the service's namespace, labelled
 * so people (and Harbormaster) can find what it manages.
 */
@ApplicationScoped
public class AddonSecrets {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String ADDON_LABEL = "harbormaster.dev/addon";

    @Inject
    Clusters clusters;

    public static String secretName(String addonName) {
        return "addon-" + addonName;
    }

    /** Creates or replaces the Secret; each top-level credential field is one key (objects and numbers as JSON text). */
    public void write(AddonInstance addon, JsonNode credentials) {
        Map<String, String> data = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = credentials.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String value = field.getValue().isTextual() ? field.getValue().textValue() : field.getValue().toString();
            data.put(field.getKey(), Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        }
        Secret secret = new SecretBuilder()
                .withNewMetadata().withName(addon.secretName).withNamespace(addon.namespace)
                .addToLabels(MANAGED_BY, "harbormaster").addToLabels(ADDON_LABEL, addon.name)
                .addToAnnotations("harbormaster.dev/service", addon.service)
                .addToAnnotations("harbormaster.dev/offering", addon.offering + "/" + addon.plan)
                .endMetadata()
                .withType("Opaque").withData(data).build();
        clusters.client(addon.cluster).secrets().inNamespace(addon.namespace).resource(secret)
                .createOr(existing -> existing.update());
    }

    /** Deletes the Secret if it is there (and only one Harbormaster made for this add-on). */
    public void delete(AddonInstance addon) {
        var resource = clusters.client(addon.cluster).secrets().inNamespace(addon.namespace).withName(addon.secretName);
        Secret existing = resource.get();
        if (existing != null && addon.name.equals(existing.getMetadata().getLabels() == null ? null
                : existing.getMetadata().getLabels().get(ADDON_LABEL))) {
            resource.delete();
        }
    }
}
