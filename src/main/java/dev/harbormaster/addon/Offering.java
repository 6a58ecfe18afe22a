package dev.harbormaster.addon;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A service offering from a broker's catalog, with its plans, as far as Harbormaster uses it. */
public record Offering(String broker, String id, String name, String displayName, String description,
                       boolean bindable, List<Plan> plans) {

    public Optional<Plan> plan(String planName) {
        return plans.stream().filter(p -> p.name().equals(planName)).findFirst();
    }

    public List<String> planNames() {
        return plans.stream().map(Plan::name).toList();
    }

    /** One entry of {@code services} in a {@code GET /v2/catalog} body; null when it lacks what the spec requires. */
    static Offering parse(String broker, JsonNode service) {
        String id = text(service, "id");
        String name = text(service, "name");
        if (id == null || name == null || !service.path("plans").isArray()) {
            return null;
        }
        boolean bindable = service.path("bindable").asBoolean(false);
        List<Plan> plans = new ArrayList<>();
        for (JsonNode plan : service.path("plans")) {
            Plan parsed = Plan.parse(plan, bindable);
            if (parsed != null) {
                plans.add(parsed);
            }
        }
        String displayName = text(service.path("metadata"), "displayName");
        return new Offering(broker, id, name, displayName == null ? name : displayName,
                text(service, "description"), bindable, List.copyOf(plans));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }
}
