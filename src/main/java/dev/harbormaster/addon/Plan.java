package dev.harbormaster.addon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Duration;
import java.util.Optional;

/**
 * A plan of an offering. {@code free} defaults to true and {@code bindable} to the offering's, as the spec says;
 * {@code parametersSchema} is {@code schemas.service_instance.create.parameters} (missing when there is none).
 */
public record Plan(String id, String name, String description, boolean free, boolean bindable,
                   JsonNode parametersSchema, Optional<Duration> maximumPollingDuration, JsonNode maintenanceInfo) {

    static Plan parse(JsonNode plan, boolean offeringBindable) {
        String id = Offering.text(plan, "id");
        String name = Offering.text(plan, "name");
        if (id == null || name == null) {
            return null;
        }
        JsonNode polling = plan.path("maximum_polling_duration");
        Optional<Duration> maximum = polling.isIntegralNumber() && polling.asLong() > 0
                ? Optional.of(Duration.ofSeconds(polling.asLong())) : Optional.empty();
        JsonNode schema = plan.path("schemas").path("service_instance").path("create").path("parameters");
        return new Plan(id, name, Offering.text(plan, "description"), plan.path("free").asBoolean(true),
                plan.path("bindable").asBoolean(offeringBindable),
                schema.isObject() ? schema : MissingNode.getInstance(), maximum,
                plan.path("maintenance_info").isObject() ? plan.get("maintenance_info") : MissingNode.getInstance());
    }
}
