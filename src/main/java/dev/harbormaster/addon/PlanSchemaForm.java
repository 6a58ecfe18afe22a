package dev.harbormaster.addon;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.NumberInputElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.RadioButtonsElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.ViewState;
import dev.harbormaster.command.Suggestions;
import dev.harbormaster.slack.BlockKit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A plan's instance parameters ({@code schemas.service_instance.create.parameters}, a JSON Schema) as modal fields,
 * and the one place that turns what was typed (in the form, or as {@code --param a.b=c}) into the document the
 * broker gets, checked by {@link SchemaValidator} first.
 * <p>
 * Scalars (string, enum, integer, number, boolean) become inputs; objects with declared properties are opened up
 * into inputs with dotted names ({@code backup.retention_days}), any depth; {@code anyOf}/{@code oneOf} that only
 * say "give a or b" leave those inputs optional with the rule in their hint. What no input can hold (arrays,
 * free-form objects, alternatives of different shapes) is one JSON text field for that property. What is typed is
 * kept as text keyed by path, so a request waiting for approval is checked again against the schema it meets.
 */
public final class PlanSchemaForm {

    /** Block ids are {@code param:<path>} so validation errors can go straight into {@code response_action: errors}. */
    public static final String BLOCK_PREFIX = "param:";
    public static final String ACTION_ID = "value";
    /** The raw key of a JSON field that holds every parameter at once (when the schema is too complex for inputs). */
    public static final String WHOLE = "";
    /** The modal has plan, name, service, environment and a heading besides; Slack allows 100 blocks. */
    static final int MAX_FIELDS = BlockKit.MODAL_BLOCKS - 10;
    private static final int MAX_OPTIONS = 100;
    private static final int MAX_OPTION_TEXT = 75;
    private static final int MAX_OPTION_VALUE = 150;
    private static final int MAX_HINT = 300;
    private static final int MAX_TEXT_INPUT = 3000;
    private static final int MAX_BLOCK_ID = 255;
    private static final int MAX_NESTING = 6;
    private static final int MAX_PROBLEM = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode schema;
    private final List<Field> fields;

    private PlanSchemaForm(JsonNode schema, List<Field> fields) {
        this.schema = schema;
        this.fields = fields;
    }

    /** A form for a plan's parameter schema; a missing schema gives a form without fields that passes text through. */
    public static PlanSchemaForm of(JsonNode parametersSchema) {
        if (parametersSchema == null || !parametersSchema.isObject()) {
            return new PlanSchemaForm(null, List.of());
        }
        JsonNode root = SchemaValidator.resolve(parametersSchema, parametersSchema);
        if (expandable(parametersSchema, root)) {
            for (boolean nested : new boolean[] {true, false}) {
                List<Field> fields = new ArrayList<>();
                collect(parametersSchema, root, "", true, nested ? 0 : MAX_NESTING, fields);
                if (fields.size() <= MAX_FIELDS) {
                    return new PlanSchemaForm(parametersSchema, withBlockIds(fields));
                }
            }
        } else if (takesNothing(root)) {
            return new PlanSchemaForm(parametersSchema, List.of());
        }
        return new PlanSchemaForm(parametersSchema, withBlockIds(List.of(new Field(WHOLE, Kind.JSON, root, true, true, null, null))));
    }

    /** {@code param:<path>}, or {@code param:#<n>} for a path too long for Slack's 255-character block ids. */
    private static List<Field> withBlockIds(List<Field> fields) {
        List<Field> numbered = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            String blockId = (BLOCK_PREFIX + field.path()).length() <= MAX_BLOCK_ID ? BLOCK_PREFIX + field.path()
                    : BLOCK_PREFIX + "#" + i;
            numbered.add(new Field(field.path(), field.kind(), field.schema(), field.required(), field.parentsRequired(),
                    field.note(), blockId));
        }
        return List.copyOf(numbered);
    }

    /** True when there is nothing to fill in: no schema, or one that allows no parameters. */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** What the form says instead of fields when {@link #isEmpty()}. */
    public String emptyNote() {
        return schema == null ? "This plan does not describe its parameters; the broker decides what it accepts."
                : "This plan takes no parameters.";
    }

    /** The fields' parameter paths in schema order ({@code ""} for one field holding every parameter). */
    public List<String> names() {
        return fields.stream().map(Field::path).toList();
    }

    /** Paths of the fields that take JSON text. */
    public List<String> jsonFields() {
        return fields.stream().filter(field -> field.kind() == Kind.JSON).map(Field::path).toList();
    }

    public Set<String> blockIds() {
        return fields.stream().map(Field::blockId).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** One input block per field, in schema order. */
    public List<LayoutBlock> inputBlocks() {
        return fields.stream().<LayoutBlock>map(this::inputBlock).toList();
    }

    /** What was typed in a submitted modal, as text by parameter path (empty inputs left out). */
    public Map<String, String> raw(ViewState state) {
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, Map<String, ViewState.Value>> values = state == null || state.getValues() == null
                ? Map.of() : state.getValues();
        for (Field field : fields) {
            Map<String, ViewState.Value> block = values.get(field.blockId());
            ViewState.Value value = block == null ? null : block.get(ACTION_ID);
            if (value == null) {
                continue;
            }
            String text = value.getSelectedOption() != null ? value.getSelectedOption().getValue() : value.getValue();
            if (text != null && !text.isBlank()) {
                raw.put(field.path(), text.trim());
            }
        }
        return raw;
    }

    /** Values from a submitted modal, checked. */
    public Validation read(ViewState state) {
        return validate(raw(state));
    }

    /**
     * Text by parameter path ({@code --param backup.retention_days=7}, a form field, or JSON text for a structured
     * one) typed per the schema, defaulted, and checked against the whole schema.
     */
    public Validation validate(Map<String, String> raw) {
        List<Problem> problems = new ArrayList<>();
        ObjectNode document = NODES.objectNode();
        List<Map.Entry<String, String>> entries = new ArrayList<>(raw.entrySet());
        entries.sort(Comparator.comparingInt(entry -> depth(entry.getKey())));
        for (Map.Entry<String, String> entry : entries) {
            if (entry.getKey().equals(WHOLE)) {
                JsonNode whole = parseJson(entry.getValue(), WHOLE, problems);
                if (whole != null && whole.isObject()) {
                    document.setAll((ObjectNode) whole);
                } else if (whole != null) {
                    problems.add(problem(WHOLE, "must be a JSON object `{…}`"));
                }
                continue;
            }
            Optional<Resolved> resolved = resolve(entry.getKey(), problems);
            if (resolved.isEmpty()) {
                continue;
            }
            String path = resolved.get().path();
            JsonNode value = coerce(resolved.get().schema(), entry.getValue(), path, problems);
            if (value != null) {
                put(document, resolved.get().names(), value, path, problems);
            }
        }
        if (schema == null) {
            return new Validation(problems.isEmpty() ? toMap(document) : Map.of(), List.copyOf(problems));
        }
        List<String> typedWrong = problems.stream().map(Problem::path).toList();
        for (Field field : fields) {
            if (field.parentsRequired() && !field.path().equals(WHOLE)) {
                ensureParents(document, field.names());
            }
            if (field.prefilled() && field.defaultNode() != null && at(document, field.names()) == null) {
                put(document, field.names(), field.defaultNode().deepCopy(), field.path(), problems);
            }
        }
        for (SchemaValidator.Problem found : SchemaValidator.validate(schema, document)) {
            boolean alreadySaid = typedWrong.stream().anyMatch(path -> found.path().equals(path)
                    || found.path().startsWith(path + ".") || found.path().startsWith(path + "["));
            if (!alreadySaid) {
                problems.add(problem(found.path(), found.message()));
            }
        }
        return new Validation(problems.isEmpty() ? toMap(document) : Map.of(), List.copyOf(problems));
    }

    // ---- from schema to fields --------------------------------------------------------------------

    private static void collect(JsonNode root, JsonNode object, String prefix, boolean parentsRequired, int depth,
                                List<Field> out) {
        Set<String> required = new LinkedHashSet<>();
        object.path("required").forEach(name -> required.add(name.asText()));
        Map<String, String> notes = alternativeNotes(root, object);
        Iterator<Map.Entry<String, JsonNode>> properties = object.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String path = SchemaValidator.child(prefix, property.getKey());
            JsonNode sub = SchemaValidator.resolve(root, property.getValue());
            boolean isRequired = required.contains(property.getKey());
            String note = notes.get(property.getKey());
            Optional<Kind> kind = Kind.of(sub);
            if (kind.isPresent()) {
                out.add(new Field(path, kind.get(), sub, isRequired, parentsRequired, note, null));
            } else if (depth < MAX_NESTING && expandable(root, sub)) {
                collect(root, sub, path, parentsRequired && isRequired, depth + 1, out);
            } else {
                out.add(new Field(path, Kind.JSON, sub, isRequired, parentsRequired, note, null));
            }
        }
    }

    /** An object whose properties can each be an input (or a JSON field of its own). */
    private static boolean expandable(JsonNode root, JsonNode schema) {
        if (!schema.isObject() || !schema.path("properties").isObject() || schema.path("properties").isEmpty()) {
            return false;
        }
        String type = schema.path("type").asText("object");
        if (!type.equals("object") || schema.has("allOf") || schema.has("not") || schema.has("patternProperties")
                || schema.has("enum") || schema.has("const")) {
            return false;
        }
        for (String keyword : List.of("anyOf", "oneOf")) {
            for (JsonNode alternative : schema.path(keyword)) {
                if (SchemaValidator.requiredOnly(SchemaValidator.resolve(root, alternative)) == null) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code {"type": "object", "additionalProperties": false}} and nothing else: a plan that takes nothing. */
    private static boolean takesNothing(JsonNode root) {
        return root.path("properties").isEmpty() && root.path("additionalProperties").isBoolean()
                && !root.path("additionalProperties").asBoolean() && !root.has("patternProperties")
                && !root.has("anyOf") && !root.has("oneOf") && !root.has("allOf");
    }

    /** "Give exactly one of a or b." for each property an anyOf / oneOf of required lists names. */
    private static Map<String, String> alternativeNotes(JsonNode root, JsonNode object) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (String keyword : List.of("oneOf", "anyOf")) {
            List<List<String>> groups = new ArrayList<>();
            for (JsonNode alternative : object.path(keyword)) {
                List<String> names = SchemaValidator.requiredOnly(SchemaValidator.resolve(root, alternative));
                if (names != null) {
                    groups.add(names);
                }
            }
            if (groups.isEmpty()) {
                continue;
            }
            String choices = groups.stream().map(names -> String.join(" and ", names)).collect(Collectors.joining(" or "));
            String note = (keyword.equals("oneOf") ? "Give exactly one of: " : "Give at least one of: ") + choices + ".";
            groups.forEach(names -> names.forEach(name -> notes.merge(name, note, (a, b) -> a + " " + b)));
        }
        return notes;
    }

    private InputBlock inputBlock(Field field) {
        JsonNode sub = field.schema();
        BlockElement element = switch (field.kind()) {
            case ENUM -> {
                List<OptionObject> options = new ArrayList<>();
                sub.path("enum").forEach(value -> options.add(option(
                        plainText(BlockKit.cut(value.asText(), MAX_OPTION_TEXT)), value.asText())));
                StaticSelectElement.StaticSelectElementBuilder select = StaticSelectElement.builder()
                        .actionId(ACTION_ID).placeholder(plainText("Choose")).options(options);
                options.stream().filter(candidate -> candidate.getValue().equals(field.initialText()))
                        .findFirst().ifPresent(select::initialOption);
                yield select.build();
            }
            case INTEGER, NUMBER -> NumberInputElement.builder().actionId(ACTION_ID)
                    .decimalAllowed(field.kind() == Kind.NUMBER)
                    .initialValue(field.initialText())
                    .minValue(sub.path("minimum").isNumber() ? sub.get("minimum").asText() : null)
                    .maxValue(sub.path("maximum").isNumber() ? sub.get("maximum").asText() : null)
                    .build();
            case BOOLEAN -> {
                List<OptionObject> options = List.of(option(plainText("Yes"), "true"), option(plainText("No"), "false"));
                RadioButtonsElement.RadioButtonsElementBuilder radio =
                        RadioButtonsElement.builder().actionId(ACTION_ID).options(options);
                options.stream().filter(candidate -> candidate.getValue().equals(field.initialText()))
                        .findFirst().ifPresent(radio::initialOption);
                yield radio.build();
            }
            case STRING -> PlainTextInputElement.builder().actionId(ACTION_ID).initialValue(field.initialText())
                    .maxLength(sub.path("maxLength").isIntegralNumber()
                            ? Math.min(sub.get("maxLength").asInt(), MAX_TEXT_INPUT) : null)
                    .build();
            case JSON -> PlainTextInputElement.builder().actionId(ACTION_ID).multiline(true).maxLength(MAX_TEXT_INPUT)
                    .initialValue(field.prefilled() && field.defaultNode() != null && field.defaultNode().isContainerNode()
                            ? BlockKit.cut(field.defaultNode().toString(), MAX_TEXT_INPUT) : null)
                    .placeholder(plainText(BlockKit.cut(example(sub), 150)))
                    .build();
        };
        String title = sub.path("title").asText("");
        String label;
        if (field.path().equals(WHOLE)) {
            label = "Parameters (JSON)";
        } else if (field.path().contains(".")) {
            label = field.path() + (title.isBlank() ? "" : " · " + title);
        } else {
            label = title.isBlank() ? field.path() : title;
        }
        if (field.kind() == Kind.JSON && !field.path().equals(WHOLE)) {
            label += " (JSON)";
        }
        List<String> hint = new ArrayList<>();
        if (field.note() != null) {
            hint.add(field.note());
        } else if (field.required() && !field.parentsRequired()) {
            hint.add("Required when " + field.path().substring(0, field.path().lastIndexOf('.')) + " is given.");
        }
        if (!sub.path("description").asText("").isBlank()) {
            hint.add(sub.get("description").asText());
        }
        if (field.kind() == Kind.JSON) {
            hint.add("JSON: " + shape(sub, 0) + ".");
        } else if (field.initialText() == null && field.defaultNode() != null && field.defaultNode().isValueNode()) {
            hint.add("Default: " + field.defaultNode().asText() + ".");
        }
        String hintText = String.join(" ", hint).strip();
        String labelText = BlockKit.cut(label, 2000);
        return input(block -> block.blockId(field.blockId()).label(plainText(labelText))
                .optional(!field.mandatory())
                .hint(hintText.isEmpty() ? null : plainText(BlockKit.cut(hintText, MAX_HINT)))
                .element(element));
    }

    /** A few words on what a JSON field holds: "a list of objects with name*, start_ip*, end_ip*". */
    private String shape(JsonNode sub, int depth) {
        JsonNode resolved = SchemaValidator.resolve(schema, sub);
        if (depth > 2) {
            return "…";
        }
        for (String keyword : List.of("oneOf", "anyOf")) {
            if (resolved.path(keyword).isArray() && !resolved.get(keyword).isEmpty()) {
                return (keyword.equals("oneOf") ? "exactly one of " : "one or more of ") + resolved.get(keyword).size()
                        + " shapes";
            }
        }
        String type = resolved.path("type").isTextual() ? resolved.get("type").asText()
                : resolved.has("properties") ? "object" : resolved.has("items") ? "array" : "any";
        return switch (type) {
            case "array" -> "a list" + (resolved.has("items") ? " of " + plural(shape(resolved.get("items"), depth + 1)) : "");
            case "object" -> {
                Set<String> required = new LinkedHashSet<>();
                resolved.path("required").forEach(name -> required.add(name.asText()));
                List<String> names = new ArrayList<>();
                resolved.path("properties").fieldNames().forEachRemaining(name -> names.add(name + (required.contains(name) ? "*" : "")));
                yield names.isEmpty() ? "an object" : "an object with " + String.join(", ", names)
                        + (required.isEmpty() ? "" : " (* required)");
            }
            case "string" -> "text";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> "any value";
        };
    }

    private static String plural(String shape) {
        return shape.startsWith("an object") ? "objects" + shape.substring("an object".length())
                : shape.equals("text") ? "texts" : shape.startsWith("a ") ? shape.substring(2) + "s" : shape;
    }

    private static String example(JsonNode sub) {
        String type = sub.path("type").asText(sub.has("items") ? "array" : "object");
        return type.equals("array") ? "[ … ]" : type.equals("object") ? "{ … }" : "JSON";
    }

    // ---- from text to a document ------------------------------------------------------------------

    /** A path resolved against the schema: the property names it walks, and the schema at its end (null: free-form). */
    private record Resolved(String path, List<String> names, JsonNode schema) {
    }

    /**
     * Walks {@code key} through the schema's properties. A property name with a dot in it is matched whole before
     * the dot is read as nesting. Names the schema does not declare are refused (with "did you mean") unless that
     * object says {@code additionalProperties} may be anything or gives their schema.
     */
    private Optional<Resolved> resolve(String key, List<Problem> problems) {
        if (schema == null) {
            return Optional.of(new Resolved(key, List.of(key), null));
        }
        String[] segments = key.split("\\.", -1);
        List<String> names = new ArrayList<>();
        JsonNode current = SchemaValidator.resolve(schema, schema);
        int i = 0;
        while (i < segments.length) {
            JsonNode properties = current == null ? null : current.path("properties");
            String matched = null;
            int next = i;
            for (int end = segments.length; end > i && properties != null; end--) {
                String candidate = String.join(".", java.util.Arrays.copyOfRange(segments, i, end));
                if (properties.has(candidate)) {
                    matched = candidate;
                    next = end;
                    break;
                }
            }
            String parent = String.join(".", names);
            if (matched != null) {
                names.add(matched);
                current = SchemaValidator.resolve(schema, properties.get(matched));
                i = next;
                continue;
            }
            String name = segments[i];
            JsonNode additional = current == null ? null : current.get("additionalProperties");
            boolean declaresNames = current != null && current.path("properties").isObject() && !current.path("properties").isEmpty();
            if (name.isEmpty()) {
                problems.add(problem(key, "is not a parameter path; write names joined by dots, e.g. `backup.retention_days`"));
                return Optional.empty();
            }
            if (current == null || additional != null && (additional.isObject() || additional.asBoolean(false))
                    || !declaresNames && additional == null && !current.has("patternProperties")) {
                names.add(name);
                current = additional != null && additional.isObject() ? SchemaValidator.resolve(schema, additional) : null;
                i++;
                continue;
            }
            if (current.has("patternProperties")) {
                Iterator<Map.Entry<String, JsonNode>> patterns = current.get("patternProperties").fields();
                JsonNode found = null;
                while (patterns.hasNext() && found == null) {
                    Map.Entry<String, JsonNode> pattern = patterns.next();
                    if (SchemaValidator.matches(pattern.getKey(), name)) {
                        found = pattern.getValue();
                    }
                }
                if (found != null) {
                    names.add(name);
                    current = SchemaValidator.resolve(schema, found);
                    i++;
                    continue;
                }
            }
            List<String> known = new ArrayList<>();
            current.path("properties").fieldNames().forEachRemaining(known::add);
            String typed = SchemaValidator.child(parent, name);
            List<String> candidates = known.stream().map(k -> SchemaValidator.child(parent, k)).toList();
            String hint = Suggestions.didYouMean(typed, candidates);
            String where = parent.isEmpty() ? "this plan has no parameter `" + typed + "`"
                    : "`" + parent + "` has no field `" + name + "`";
            problems.add(problem(key, where + "." + (hint.isEmpty() ? "" : " " + hint)
                    + (known.isEmpty() ? "" : " It takes " + String.join(", ", candidates.stream().limit(20).toList())
                    + (candidates.size() > 20 ? ", …" : "") + ".")));
            return Optional.empty();
        }
        return Optional.of(new Resolved(String.join(".", names), List.copyOf(names), current));
    }

    /** Text typed for a path, as the JSON value its schema asks for; null (and a problem) when it cannot be. */
    private JsonNode coerce(JsonNode sub, String text, String path, List<Problem> problems) {
        if (sub == null) {
            return NODES.textNode(text);
        }
        Optional<Kind> kind = Kind.of(sub);
        if (kind.isEmpty()) {
            return parseJson(text, path, problems);
        }
        switch (kind.get()) {
            case ENUM -> {
                for (JsonNode allowed : sub.path("enum")) {
                    if (allowed.asText().equals(text)) {
                        return allowed.deepCopy();
                    }
                }
                problems.add(problem(path, "must be one of " + SchemaValidator.list(sub.get("enum"))));
                return null;
            }
            case BOOLEAN -> {
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return NODES.booleanNode(Boolean.parseBoolean(text.toLowerCase()));
                }
                problems.add(problem(path, "must be true or false"));
                return null;
            }
            case INTEGER, NUMBER -> {
                BigDecimal number;
                try {
                    number = new BigDecimal(text);
                } catch (NumberFormatException e) {
                    problems.add(problem(path, kind.get() == Kind.INTEGER ? "must be a whole number" : "must be a number"));
                    return null;
                }
                if (kind.get() == Kind.NUMBER) {
                    return DoubleNode.valueOf(number.doubleValue());
                }
                if (number.stripTrailingZeros().scale() > 0) {
                    problems.add(problem(path, "must be a whole number"));
                    return null;
                }
                return number.toBigInteger().bitLength() < 64 ? NODES.numberNode(number.longValue())
                        : NODES.numberNode(number.toBigInteger());
            }
            default -> {
                return NODES.textNode(text);
            }
        }
    }

    /**
     * JSON text typed for a structured parameter. Chat turns typed quotes into smart ones, so those are read as
     * plain quotes; a word that is not JSON at all ({@code auto}) is taken as text.
     */
    private JsonNode parseJson(String text, String path, List<Problem> problems) {
        String plain = text.replace('“', '"').replace('”', '"').replace('„', '"').strip();
        try {
            return JSON.readTree(plain);
        } catch (JsonProcessingException e) {
            if (plain.startsWith("{") || plain.startsWith("[") || plain.startsWith("\"")) {
                problems.add(problem(path, "is not valid JSON: " + e.getOriginalMessage()
                        + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
                return null;
            }
            return NODES.textNode(text.strip());
        }
    }

    private void put(ObjectNode document, List<String> names, JsonNode value, String path, List<Problem> problems) {
        ObjectNode parent = document;
        for (int i = 0; i < names.size() - 1; i++) {
            JsonNode next = parent.get(names.get(i));
            if (next == null) {
                next = parent.putObject(names.get(i));
            } else if (!next.isObject()) {
                problems.add(problem(path, "is given, but `" + String.join(".", names.subList(0, i + 1))
                        + "` is given as a whole too; give one or the other"));
                return;
            }
            parent = (ObjectNode) next;
        }
        parent.set(names.get(names.size() - 1), value);
    }

    private static void ensureParents(ObjectNode document, List<String> names) {
        ObjectNode parent = document;
        for (int i = 0; i < names.size() - 1; i++) {
            JsonNode next = parent.get(names.get(i));
            if (next == null) {
                next = parent.putObject(names.get(i));
            }
            if (!next.isObject()) {
                return;
            }
            parent = (ObjectNode) next;
        }
    }

    private static JsonNode at(JsonNode document, List<String> names) {
        JsonNode current = document;
        for (String name : names) {
            current = current == null ? null : current.get(name);
        }
        return current;
    }

    private static int depth(String key) {
        return key.isEmpty() ? -1 : key.split("\\.", -1).length;
    }

    private static Map<String, Object> toMap(ObjectNode document) {
        Map<String, Object> map = new LinkedHashMap<>();
        document.fields().forEachRemaining(entry -> map.put(entry.getKey(), plainValue(entry.getValue())));
        return map;
    }

    /** Integers as Long, other numbers as Double, objects as ordered maps: what the broker client serialises. */
    private static Object plainValue(JsonNode node) {
        if (node.isObject()) {
            return toMap((ObjectNode) node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(plainValue(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }

    // ---- problems, by the field that shows them -----------------------------------------------------

    private Problem problem(String path, String message) {
        String text = BlockKit.cut(message, MAX_PROBLEM);
        Field holder = blockFor(path);
        String blockId = holder == null ? BLOCK_PREFIX + path : holder.blockId();
        boolean own = holder == null || holder.path().equals(path);
        return new Problem(blockId, path, text, own ? text : "`" + (path.isEmpty() ? "parameters" : path) + "` " + text);
    }

    /**
     * The block a problem at {@code path} belongs under: its own field, the JSON field that holds it, or (for a
     * rule about an object, such as "give one of a or b") that object's first field.
     */
    private Field blockFor(String path) {
        Field holder = null;
        for (Field field : fields) {
            boolean holds = field.path().equals(path) || field.path().equals(WHOLE)
                    || path.startsWith(field.path() + ".") || path.startsWith(field.path() + "[");
            if (holds && (holder == null || field.path().length() > holder.path().length())) {
                holder = field;
            }
        }
        if (holder != null) {
            return holder;
        }
        for (Field field : fields) {
            if (path.isEmpty() || field.path().startsWith(path + ".")) {
                return field;
            }
        }
        return null;
    }

    /**
     * One problem: the block it shows under, the parameter path it is about, what is wrong, and that as the text
     * under the block (naming the path when the block is a JSON field or an object's first field).
     */
    public record Problem(String blockId, String path, String message, String shown) {
    }

    /** Typed parameters ready for the broker, or the problems. */
    public record Validation(Map<String, Object> parameters, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }

        /** Problems by block id; a problem deeper than its field's own path names that path. */
        public Map<String, String> errors() {
            Map<String, String> errors = new LinkedHashMap<>();
            for (Problem problem : problems) {
                errors.merge(problem.blockId(), problem.shown(), (a, b) -> a + "\n" + b);
            }
            return errors;
        }
    }

    private enum Kind {
        STRING, ENUM, INTEGER, NUMBER, BOOLEAN, JSON;

        /** The input a schema fits, or empty when only JSON text can hold it. */
        static Optional<Kind> of(JsonNode schema) {
            if (!schema.isObject() || schema.has("anyOf") || schema.has("oneOf") || schema.has("allOf")
                    || schema.has("not") || schema.has("$ref")) {
                return Optional.empty();
            }
            JsonNode values = schema.path("enum");
            if (values.isArray() && !values.isEmpty()) {
                boolean fits = values.size() <= MAX_OPTIONS;
                Set<String> texts = new LinkedHashSet<>();
                for (JsonNode value : values) {
                    fits &= value.isValueNode() && !value.isNull() && value.asText().length() <= MAX_OPTION_VALUE
                            && !value.asText().isEmpty() && texts.add(value.asText());
                }
                return fits ? Optional.of(ENUM) : Optional.of(STRING).filter(k -> allText(values));
            }
            String type = singleType(schema.get("type"));
            return switch (type == null ? "" : type) {
                case "string" -> Optional.of(STRING);
                case "integer" -> Optional.of(INTEGER);
                case "number" -> Optional.of(NUMBER);
                case "boolean" -> Optional.of(BOOLEAN);
                default -> Optional.empty();
            };
        }

        private static boolean allText(JsonNode values) {
            for (JsonNode value : values) {
                if (!value.isTextual()) {
                    return false;
                }
            }
            return true;
        }

        /** {@code "string"}, or the one type besides null in {@code ["string", "null"]}. */
        private static String singleType(JsonNode type) {
            if (type == null) {
                return null;
            }
            if (type.isTextual()) {
                return type.asText();
            }
            List<String> types = new ArrayList<>();
            type.forEach(one -> {
                if (!one.asText().equals("null")) {
                    types.add(one.asText());
                }
            });
            return types.size() == 1 ? types.get(0) : null;
        }
    }

    /**
     * One input. {@code required}: its object requires it; {@code parentsRequired}: every object above it is
     * required too, so Slack may insist on it and its default may be filled in without creating an object nobody
     * asked for. {@code note}: the anyOf / oneOf rule it takes part in, for its hint.
     */
    private record Field(String path, Kind kind, JsonNode schema, boolean required, boolean parentsRequired, String note,
                         String blockId) {

        List<String> names() {
            return path.isEmpty() ? List.of() : List.of(path.split("\\.", -1));
        }

        /** Slack refuses the form until it is filled. */
        boolean mandatory() {
            return required && parentsRequired && !path.isEmpty();
        }

        /** Its default goes into the form and into the request when nothing is typed. */
        boolean prefilled() {
            return parentsRequired && note == null && !path.isEmpty();
        }

        /** The schema's default, when it fits the schema (a broker's wrong default is not offered). */
        JsonNode defaultNode() {
            JsonNode value = schema.get("default");
            if (value == null || value.isNull() || !SchemaValidator.validate(schema, value).isEmpty()) {
                return null;
            }
            return value;
        }

        String initialText() {
            JsonNode value = defaultNode();
            return prefilled() && value != null && value.isValueNode() ? value.asText() : null;
        }
    }
}
