package dev.harbormaster.addon.broker;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the reference broker offers: one service, {@code postgresql}, in plans {@code small} and {@code medium},
 * and the provision parameters both plans accept (validated here against the schema the catalog publishes).
 */
public final class BrokerCatalog {

    public static final String SERVICE_ID = "7f0d2f43-3b0e-4c55-9a5e-6b2f4d1a0c01";
    public static final String SMALL_PLAN_ID = "7f0d2f43-3b0e-4c55-9a5e-6b2f4d1a0c11";
    public static final String MEDIUM_PLAN_ID = "7f0d2f43-3b0e-4c55-9a5e-6b2f4d1a0c12";

    static final int DEFAULT_CONNECTION_LIMIT = 20;
    private static final String SUFFIX_PATTERN = "^[a-z0-9]{1,20}$";
    private static final Pattern SUFFIX = Pattern.compile(SUFFIX_PATTERN);

    private BrokerCatalog() {
    }

    /** The provision parameters once validated. */
    public record ProvisionParameters(Optional<String> databaseNameSuffix, int connectionLimit) {
    }

    public static boolean knownService(String serviceId) {
        return SERVICE_ID.equals(serviceId);
    }

    public static boolean knownPlan(String planId) {
        return SMALL_PLAN_ID.equals(planId) || MEDIUM_PLAN_ID.equals(planId);
    }

    /** Checks parameters against {@link #parametersSchema()}; a violation is a 400 that says what to send instead. */
    public static ProvisionParameters validate(JsonNode parameters) {
        if (parameters == null || parameters.isNull()) {
            return new ProvisionParameters(Optional.empty(), DEFAULT_CONNECTION_LIMIT);
        }
        if (!parameters.isObject()) {
            throw BrokerException.badRequest("parameters must be a JSON object");
        }
        Iterator<String> names = parameters.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("database_name_suffix") && !name.equals("connection_limit")) {
                throw BrokerException.badRequest("Unknown parameter '" + name
                        + "': the accepted parameters are database_name_suffix and connection_limit");
            }
        }
        Optional<String> suffix = Optional.empty();
        JsonNode suffixNode = parameters.get("database_name_suffix");
        if (suffixNode != null) {
            if (!suffixNode.isTextual() || !SUFFIX.matcher(suffixNode.textValue()).matches()) {
                throw BrokerException.badRequest(
                        "database_name_suffix must be 1 to 20 lower-case letters or digits, e.g. \"orders\"");
            }
            suffix = Optional.of(suffixNode.textValue());
        }
        int limit = DEFAULT_CONNECTION_LIMIT;
        JsonNode limitNode = parameters.get("connection_limit");
        if (limitNode != null) {
            if (!limitNode.isIntegralNumber() || !limitNode.canConvertToInt()
                    || limitNode.intValue() < 1 || limitNode.intValue() > 100) {
                throw BrokerException.badRequest("connection_limit must be an integer from 1 to 100, e.g. 20");
            }
            limit = limitNode.intValue();
        }
        return new ProvisionParameters(suffix, limit);
    }

    /** The body of {@code GET /v2/catalog}. */
    public static Map<String, Object> catalog() {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("name", "postgresql");
        service.put("id", SERVICE_ID);
        service.put("description", "A PostgreSQL database with its own owner role; each binding is a login role.");
        service.put("tags", List.of("postgresql", "relational"));
        service.put("bindable", true);
        service.put("instances_retrievable", true);
        service.put("bindings_retrievable", false);
        service.put("plan_updateable", false);
        service.put("metadata", Map.of("displayName", "PostgreSQL (Harbormaster reference broker)"));
        service.put("plans", List.of(
                plan(SMALL_PLAN_ID, "small", "A database on the shared PostgreSQL server.", true),
                plan(MEDIUM_PLAN_ID, "medium", "A database on the shared PostgreSQL server, billed to the team.", false)));
        return Map.of("services", List.of(service));
    }

    private static Map<String, Object> plan(String id, String name, String description, boolean free) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("id", id);
        plan.put("name", name);
        plan.put("description", description);
        plan.put("free", free);
        plan.put("bindable", true);
        plan.put("schemas", Map.of("service_instance", Map.of("create", Map.of("parameters", parametersSchema()))));
        return plan;
    }

    static Map<String, Object> parametersSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "http://json-schema.org/draft-04/schema#");
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        schema.put("properties", Map.of(
                "database_name_suffix", Map.of("type", "string", "pattern", SUFFIX_PATTERN,
                        "description", "Appended to the generated database name"),
                "connection_limit", Map.of("type", "integer", "minimum", 1, "maximum", 100,
                        "default", DEFAULT_CONNECTION_LIMIT, "description", "Maximum concurrent connections")));
        return schema;
    }
}
