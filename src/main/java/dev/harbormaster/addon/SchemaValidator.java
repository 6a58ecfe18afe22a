package dev.harbormaster.addon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harbormaster.command.Suggestions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Checks a parameters document against a plan's JSON Schema before any broker sees it, and says what is wrong in
 * words a person can act on, each problem at its path ({@code backup.retention_days}, {@code firewall_rules[0].name}).
 * No JSON-Schema library is on the classpath and brokers publish a small, stable part of the language, so this is
 * that part: type, enum, const, required, properties, patternProperties, additionalProperties, min/maxProperties,
 * minimum, maximum, exclusiveMinimum/Maximum (draft-04 booleans and later numbers), multipleOf, min/maxLength,
 * pattern, items (one schema or a tuple), min/maxItems, uniqueItems, allOf, anyOf, oneOf, not and local
 * {@code $ref}s. Other keywords ({@code format}, {@code dependencies}, {@code if}) are annotations here and left
 * to the broker.
 */
final class SchemaValidator {

    /** One thing wrong: where ({@code ""} is the whole document) and what, as raw text with `code` marks. */
    record Problem(String path, String message) {
    }

    /** Deeper than any broker schema goes; guards against {@code $ref} cycles. */
    private static final int MAX_DEPTH = 48;

    private final JsonNode root;

    private SchemaValidator(JsonNode root) {
        this.root = root;
    }

    static List<Problem> validate(JsonNode schema, JsonNode instance) {
        List<Problem> problems = new ArrayList<>();
        if (schema != null && schema.isObject()) {
            new SchemaValidator(schema).check(schema, instance, "", problems, 0);
        }
        return problems;
    }

    /** The schema a local {@code $ref} points at (followed repeatedly), or the schema itself. */
    static JsonNode resolve(JsonNode root, JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; hops < 16 && current != null && current.path("$ref").isTextual(); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#")) {
                return current;
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                return current;
            }
            current = target;
        }
        return current;
    }

    /** The path of a property below {@code parent}. */
    static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /**
     * The names an {@code anyOf} / {@code oneOf} alternative only asks to be present ({@code {"required": [...]}}),
     * or null when the alternative says more than that.
     */
    static List<String> requiredOnly(JsonNode alternative) {
        if (!alternative.isObject() || !alternative.path("required").isArray()) {
            return null;
        }
        Iterator<String> keys = alternative.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!key.equals("required") && !key.equals("title") && !key.equals("description")) {
                return null;
            }
        }
        List<String> names = new ArrayList<>();
        alternative.get("required").forEach(name -> names.add(name.asText()));
        return names;
    }

    private void check(JsonNode rawSchema, JsonNode value, String path, List<Problem> problems, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        JsonNode schema = resolve(root, rawSchema);
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) {
                problems.add(new Problem(path, "is not allowed"));
            }
            return;
        }
        if (!schema.isObject()) {
            return;
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            problems.add(new Problem(path, "must be " + describeType(schema.get("type"))));
            return;
        }
        if (schema.path("enum").isArray() && !schema.get("enum").isEmpty()) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= same(allowed, value);
            }
            if (!found) {
                problems.add(new Problem(path, "must be one of " + list(schema.get("enum"))));
            }
        }
        if (schema.has("const") && !same(schema.get("const"), value)) {
            problems.add(new Problem(path, "must be " + text(schema.get("const"))));
        }
        if (value.isNumber()) {
            number(schema, value.decimalValue(), path, problems);
        } else if (value.isTextual()) {
            string(schema, value.asText(), path, problems);
        } else if (value.isArray()) {
            array(schema, value, path, problems, depth);
        } else if (value.isObject()) {
            object(schema, value, path, problems, depth);
        }
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, path, problems, depth + 1);
        }
        if (schema.path("anyOf").isArray() && !schema.get("anyOf").isEmpty()) {
            alternatives(schema.get("anyOf"), value, path, problems, depth, false);
        }
        if (schema.path("oneOf").isArray() && !schema.get("oneOf").isEmpty()) {
            alternatives(schema.get("oneOf"), value, path, problems, depth, true);
        }
        if (schema.has("not") && problemsOf(schema.get("not"), value, path, depth).isEmpty()) {
            problems.add(new Problem(path, "is a value this plan refuses"));
        }
    }

    private void number(JsonNode schema, BigDecimal number, String path, List<Problem> problems) {
        boolean draft4ExclusiveMin = schema.path("exclusiveMinimum").asBoolean(false);
        boolean draft4ExclusiveMax = schema.path("exclusiveMaximum").asBoolean(false);
        if (schema.path("minimum").isNumber()) {
            int compared = number.compareTo(schema.get("minimum").decimalValue());
            if (compared < 0 || draft4ExclusiveMin && compared == 0) {
                problems.add(new Problem(path, "must be " + (draft4ExclusiveMin ? "more than " : "at least ")
                        + schema.get("minimum").asText()));
            }
        }
        if (schema.path("maximum").isNumber()) {
            int compared = number.compareTo(schema.get("maximum").decimalValue());
            if (compared > 0 || draft4ExclusiveMax && compared == 0) {
                problems.add(new Problem(path, "must be " + (draft4ExclusiveMax ? "less than " : "at most ")
                        + schema.get("maximum").asText()));
            }
        }
        if (schema.path("exclusiveMinimum").isNumber() && number.compareTo(schema.get("exclusiveMinimum").decimalValue()) <= 0) {
            problems.add(new Problem(path, "must be more than " + schema.get("exclusiveMinimum").asText()));
        }
        if (schema.path("exclusiveMaximum").isNumber() && number.compareTo(schema.get("exclusiveMaximum").decimalValue()) >= 0) {
            problems.add(new Problem(path, "must be less than " + schema.get("exclusiveMaximum").asText()));
        }
        if (schema.path("multipleOf").isNumber() && schema.get("multipleOf").decimalValue().signum() > 0
                && number.remainder(schema.get("multipleOf").decimalValue()).signum() != 0) {
            problems.add(new Problem(path, "must be a multiple of " + schema.get("multipleOf").asText()));
        }
    }

    private void string(JsonNode schema, String text, String path, List<Problem> problems) {
        int length = text.codePointCount(0, text.length());
        if (schema.path("minLength").isIntegralNumber() && length < schema.get("minLength").asInt()) {
            problems.add(new Problem(path, "must be at least " + schema.get("minLength").asInt() + " characters"));
        }
        if (schema.path("maxLength").isIntegralNumber() && length > schema.get("maxLength").asInt()) {
            problems.add(new Problem(path, "must be at most " + schema.get("maxLength").asInt() + " characters"));
        }
        if (schema.path("pattern").isTextual() && !matches(schema.get("pattern").asText(), text)) {
            problems.add(new Problem(path, "must match `" + schema.get("pattern").asText() + "`"));
        }
    }

    private void array(JsonNode schema, JsonNode array, String path, List<Problem> problems, int depth) {
        if (schema.path("minItems").isIntegralNumber() && array.size() < schema.get("minItems").asInt()) {
            problems.add(new Problem(path, "must have at least " + schema.get("minItems").asInt() + " entries"));
        }
        if (schema.path("maxItems").isIntegralNumber() && array.size() > schema.get("maxItems").asInt()) {
            problems.add(new Problem(path, "must have at most " + schema.get("maxItems").asInt() + " entries"));
        }
        if (schema.path("uniqueItems").asBoolean(false)) {
            for (int i = 0; i < array.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (same(array.get(i), array.get(j))) {
                        problems.add(new Problem(path + "[" + i + "]", "repeats " + path + "[" + j + "]; entries must differ"));
                    }
                }
            }
        }
        JsonNode items = schema.get("items");
        if (items == null) {
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode itemSchema = items.isArray() ? items.get(i) : items;
            if (itemSchema == null) {
                JsonNode additional = schema.get("additionalItems");
                if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                    problems.add(new Problem(path, "must have at most " + items.size() + " entries"));
                    return;
                }
                itemSchema = additional;
            }
            if (itemSchema != null) {
                check(itemSchema, array.get(i), path + "[" + i + "]", problems, depth + 1);
            }
        }
    }

    private void object(JsonNode schema, JsonNode object, String path, List<Problem> problems, int depth) {
        for (JsonNode name : schema.path("required")) {
            if (!object.has(name.asText())) {
                problems.add(new Problem(child(path, name.asText()), "required"));
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode patterns = schema.path("patternProperties");
        JsonNode additional = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            boolean declared = false;
            if (properties.has(name)) {
                declared = true;
                check(properties.get(name), field.getValue(), child(path, name), problems, depth + 1);
            }
            Iterator<Map.Entry<String, JsonNode>> patternEntries = patterns.fields();
            while (patternEntries.hasNext()) {
                Map.Entry<String, JsonNode> pattern = patternEntries.next();
                if (matches(pattern.getKey(), name)) {
                    declared = true;
                    check(pattern.getValue(), field.getValue(), child(path, name), problems, depth + 1);
                }
            }
            if (declared || additional == null) {
                continue;
            }
            if (additional.isBoolean() && !additional.asBoolean()) {
                Set<String> known = new LinkedHashSet<>();
                properties.fieldNames().forEachRemaining(known::add);
                String hint = Suggestions.didYouMean(name, known);
                problems.add(new Problem(child(path, name), "is not a parameter " + (path.isEmpty() ? "of this plan" : "of `" + path + "`")
                        + "." + (hint.isEmpty() ? "" : " " + hint)));
            } else if (additional.isObject()) {
                check(additional, field.getValue(), child(path, name), problems, depth + 1);
            }
        }
        if (schema.path("minProperties").isIntegralNumber() && object.size() < schema.get("minProperties").asInt()) {
            problems.add(new Problem(path, "must have at least " + schema.get("minProperties").asInt() + " entries"));
        }
        if (schema.path("maxProperties").isIntegralNumber() && object.size() > schema.get("maxProperties").asInt()) {
            problems.add(new Problem(path, "must have at most " + schema.get("maxProperties").asInt() + " entries"));
        }
    }

    /**
     * anyOf / oneOf. When every alternative only names required properties (the common "give a or b" idiom), the
     * answer names them; otherwise it names the problems of the alternative that came closest.
     */
    private void alternatives(JsonNode alternatives, JsonNode value, String path, List<Problem> problems, int depth,
                              boolean exactlyOne) {
        List<List<Problem>> results = new ArrayList<>();
        int passed = 0;
        boolean allRequiredOnly = true;
        List<String> named = new ArrayList<>();
        for (JsonNode alternative : alternatives) {
            JsonNode resolved = resolve(root, alternative);
            List<String> required = requiredOnly(resolved);
            if (required == null) {
                allRequiredOnly = false;
            } else {
                named.add(required.stream().map(name -> "`" + child(path, name) + "`").collect(Collectors.joining(" and ")));
            }
            List<Problem> found = problemsOf(resolved, value, path, depth);
            results.add(found);
            if (found.isEmpty()) {
                passed++;
            }
        }
        if (passed == 1 || passed > 1 && !exactlyOne) {
            return;
        }
        if (allRequiredOnly) {
            String choices = String.join(" or ", named);
            problems.add(new Problem(path, passed == 0
                    ? (exactlyOne ? "give exactly one of " : "give at least one of ") + choices
                    : "give only one of " + choices + ", not more"));
            return;
        }
        if (passed > 1) {
            problems.add(new Problem(path, "fits " + passed + " of the " + alternatives.size()
                    + " alternatives the plan allows; it must fit exactly one"));
            return;
        }
        List<Problem> closest = results.stream().min((a, b) -> Integer.compare(weight(a, path), weight(b, path))).orElseThrow();
        String detail = closest.stream().map(p -> (p.path().equals(path) ? "" : "`" + p.path() + "` ") + p.message())
                .limit(3).collect(Collectors.joining("; "));
        problems.add(new Problem(path, "fits none of the " + alternatives.size() + " alternatives the plan allows"
                + (detail.isEmpty() ? "" : " (closest: " + detail + ")")));
    }

    /** How far an alternative is from fitting: a wrong type at the top counts most. */
    private static int weight(List<Problem> problems, String path) {
        int weight = 0;
        for (Problem problem : problems) {
            weight += problem.path().equals(path) && problem.message().startsWith("must be ") ? 100 : 1;
        }
        return weight;
    }

    private List<Problem> problemsOf(JsonNode schema, JsonNode value, String path, int depth) {
        List<Problem> found = new ArrayList<>();
        check(schema, value, path, found, depth + 1);
        return found;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeMatches(one, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber()
                    || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            default -> true;
        };
    }

    private static String describeType(JsonNode type) {
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(one -> names.add(describeType(one)));
            return String.join(" or ", names);
        }
        return switch (type.asText()) {
            case "object" -> "an object (JSON `{…}`)";
            case "array" -> "a list (JSON `[…]`)";
            case "string" -> "text";
            case "boolean" -> "true or false";
            case "null" -> "null";
            case "number" -> "a number";
            case "integer" -> "a whole number";
            default -> type.asText();
        };
    }

    /** JSON equality, with numbers compared by value (5 and 5.0 are the same number). */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!b.has(field.getKey()) || !same(field.getValue(), b.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static String list(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(text(value)));
        return String.join(", ", texts);
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /**
     * JSON Schema patterns are unanchored (ECMA 262 search semantics). A pattern Java cannot compile is left for the
     * broker to enforce rather than blocking every value.
     */
    static boolean matches(String pattern, String text) {
        try {
            return Pattern.compile(pattern).matcher(text).find();
        } catch (PatternSyntaxException e) {
            return true;
        }
    }
}
