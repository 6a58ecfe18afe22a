package dev.harbormaster.addon;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.CheckboxesElement;
import com.slack.api.model.block.element.NumberInputElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.ViewState;
import dev.harbormaster.command.Suggestions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A plan's instance parameters ({@code schemas.service_instance.create.parameters}, a JSON Schema object) as
 * modal fields and as the validator for both the modal and {@code --param k=v}. Covers what a chat form can
 * hold: string (with enum, pattern, length), integer, number (minimum / maximum), boolean; required and
 * default. Properties of other types (object, array) cannot be typed into chat: they are listed in
 * {@link #unsupported()} and refused by name, and the broker's own default applies.
 */
public final class PlanSchemaForm {

    /** Block ids are {@code param:<name>} so validation errors can go straight into {@code response_action: errors}. */
    public static final String BLOCK_PREFIX = "param:";
    public static final String ACTION_ID = "value";
    private static final int MAX_OPTIONS = 100;
    private static final int MAX_HINT = 150;

    private final List<Field> fields;
    private final Set<String> unsupported;
    private final boolean closed;

    private PlanSchemaForm(List<Field> fields, Set<String> unsupported, boolean closed) {
        this.fields = fields;
        this.unsupported = unsupported;
        this.closed = closed;
    }

    /** A form for a plan's parameter schema; a missing schema gives a form without fields that passes text through. */
    public static PlanSchemaForm of(JsonNode parametersSchema) {
        if (parametersSchema == null || !parametersSchema.isObject()) {
            return new PlanSchemaForm(List.of(), Set.of(), false);
        }
        Set<String> required = new LinkedHashSet<>();
        parametersSchema.path("required").forEach(name -> required.add(name.asText()));
        List<Field> fields = new ArrayList<>();
        Set<String> unsupported = new LinkedHashSet<>();
        Iterator<Map.Entry<String, JsonNode>> properties = parametersSchema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            Optional<Kind> kind = Kind.of(property.getValue());
            if (kind.isEmpty()) {
                unsupported.add(property.getKey());
            } else {
                fields.add(new Field(property.getKey(), kind.get(), property.getValue(),
                        required.contains(property.getKey())));
            }
        }
        boolean closed = !fields.isEmpty() || !unsupported.isEmpty()
                || parametersSchema.path("additionalProperties").isBoolean()
                && !parametersSchema.path("additionalProperties").asBoolean();
        return new PlanSchemaForm(List.copyOf(fields), Set.copyOf(unsupported), closed);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Parameter names in schema order. */
    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    /** Properties the schema declares that chat cannot fill (objects, arrays). */
    public Set<String> unsupported() {
        return unsupported;
    }

    /** One input block per parameter, in schema order. */
    public List<LayoutBlock> inputBlocks() {
        return fields.stream().<LayoutBlock>map(PlanSchemaForm::inputBlock).toList();
    }

    /** Values from a submitted modal. */
    public Validation read(ViewState state) {
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, Map<String, ViewState.Value>> values = state == null || state.getValues() == null
                ? Map.of() : state.getValues();
        for (Field field : fields) {
            Map<String, ViewState.Value> block = values.get(BLOCK_PREFIX + field.name());
            ViewState.Value value = block == null ? null : block.get(ACTION_ID);
            if (value == null) {
                continue;
            }
            String text = switch (field.kind()) {
                case ENUM -> value.getSelectedOption() == null ? null : value.getSelectedOption().getValue();
                case BOOLEAN -> String.valueOf(value.getSelectedOptions() != null && !value.getSelectedOptions().isEmpty());
                default -> value.getValue();
            };
            if (text != null && !text.isBlank()) {
                raw.put(field.name(), text.trim());
            }
        }
        return validate(raw);
    }

    /** Values typed as {@code --param name=value}; unknown names are refused with a suggestion. */
    public Validation validate(Map<String, String> raw) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            String name = entry.getKey();
            if (unsupported.contains(name)) {
                errors.put(BLOCK_PREFIX + name, "`" + name + "` takes structured data, which cannot be set from chat");
            } else if (closed && fields.stream().noneMatch(field -> field.name().equals(name))) {
                String hint = Suggestions.didYouMean(name, names());
                errors.put(BLOCK_PREFIX + name, "this plan has no parameter `" + name + "`"
                        + (hint.isEmpty() ? "" : ". " + hint)
                        + (fields.isEmpty() ? "" : " It takes " + String.join(", ", names()) + "."));
            } else if (!closed) {
                parameters.put(name, entry.getValue());
            }
        }
        for (Field field : fields) {
            String text = raw.get(field.name());
            if (text == null || text.isBlank()) {
                if (field.defaultValue() != null) {
                    parameters.put(field.name(), field.defaultValue());
                } else if (field.required()) {
                    errors.put(field.blockId(), "required");
                }
                continue;
            }
            field.parse(text).ifPresentOrElse(
                    problem -> errors.put(field.blockId(), problem),
                    () -> parameters.put(field.name(), field.typed(text)));
        }
        return new Validation(errors.isEmpty() ? parameters : Map.of(), errors);
    }

    private static InputBlock inputBlock(Field field) {
        BlockElement element = switch (field.kind()) {
            case ENUM -> {
                List<OptionObject> options = field.enumValues().stream().limit(MAX_OPTIONS)
                        .map(value -> option(plainText(value), value)).toList();
                StaticSelectElement.StaticSelectElementBuilder select = StaticSelectElement.builder()
                        .actionId(ACTION_ID).placeholder(plainText("Choose")).options(options);
                options.stream().filter(candidate -> candidate.getValue().equals(field.defaultText()))
                        .findFirst().ifPresent(select::initialOption);
                yield select.build();
            }
            case INTEGER, NUMBER -> NumberInputElement.builder().actionId(ACTION_ID)
                    .decimalAllowed(field.kind() == Kind.NUMBER)
                    .initialValue(field.defaultText())
                    .minValue(field.schema().has("minimum") ? field.schema().get("minimum").asText() : null)
                    .maxValue(field.schema().has("maximum") ? field.schema().get("maximum").asText() : null)
                    .build();
            case BOOLEAN -> {
                OptionObject yes = option(plainText("Yes"), "true");
                CheckboxesElement.CheckboxesElementBuilder checkboxes =
                        CheckboxesElement.builder().actionId(ACTION_ID).options(List.of(yes));
                if ("true".equals(field.defaultText())) {
                    checkboxes.initialOptions(List.of(yes));
                }
                yield checkboxes.build();
            }
            case STRING -> PlainTextInputElement.builder().actionId(ACTION_ID).initialValue(field.defaultText())
                    .maxLength(field.schema().has("maxLength") ? field.schema().get("maxLength").asInt() : null)
                    .build();
        };
        String label = field.schema().path("title").asText(field.name());
        String description = field.schema().path("description").asText("");
        return input(block -> block.blockId(field.blockId()).label(plainText(truncate(label, 2000)))
                .optional(!field.required() || field.kind() == Kind.BOOLEAN)
                .hint(description.isBlank() ? null : plainText(truncate(description, MAX_HINT)))
                .element(element));
    }

    private static String truncate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }

    /** Typed parameters ready for the broker, or errors keyed by block id ({@code param:<name>}). */
    public record Validation(Map<String, Object> parameters, Map<String, String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private enum Kind {
        STRING, ENUM, INTEGER, NUMBER, BOOLEAN;

        static Optional<Kind> of(JsonNode schema) {
            if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
                return Optional.of(ENUM);
            }
            return switch (schema.path("type").asText("")) {
                case "string" -> Optional.of(STRING);
                case "integer" -> Optional.of(INTEGER);
                case "number" -> Optional.of(NUMBER);
                case "boolean" -> Optional.of(BOOLEAN);
                default -> Optional.empty();
            };
        }
    }

    private record Field(String name, Kind kind, JsonNode schema, boolean required) {

        String blockId() {
            return BLOCK_PREFIX + name;
        }

        List<String> enumValues() {
            List<String> values = new ArrayList<>();
            schema.path("enum").forEach(value -> values.add(value.asText()));
            return values;
        }

        String defaultText() {
            JsonNode value = schema.get("default");
            return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
        }

        Object defaultValue() {
            String text = defaultText();
            return text == null || parse(text).isPresent() ? null : typed(text);
        }

        /** A problem with the text, for humans; empty when it fits the schema. */
        Optional<String> parse(String text) {
            switch (kind) {
                case ENUM -> {
                    List<String> allowed = enumValues();
                    return allowed.contains(text) ? Optional.empty()
                            : Optional.of("must be one of " + String.join(", ", allowed));
                }
                case BOOLEAN -> {
                    return text.equals("true") || text.equals("false") ? Optional.empty()
                            : Optional.of("must be true or false");
                }
                case INTEGER, NUMBER -> {
                    BigDecimal number;
                    try {
                        number = new BigDecimal(text);
                    } catch (NumberFormatException e) {
                        return Optional.of(kind == Kind.INTEGER ? "must be a whole number" : "must be a number");
                    }
                    if (kind == Kind.INTEGER && number.stripTrailingZeros().scale() > 0) {
                        return Optional.of("must be a whole number");
                    }
                    if (schema.has("minimum") && number.compareTo(schema.get("minimum").decimalValue()) < 0) {
                        return Optional.of("must be at least " + schema.get("minimum").asText());
                    }
                    if (schema.has("maximum") && number.compareTo(schema.get("maximum").decimalValue()) > 0) {
                        return Optional.of("must be at most " + schema.get("maximum").asText());
                    }
                    return Optional.empty();
                }
                default -> {
                    if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
                        return Optional.of("must be at least " + schema.get("minLength").asInt() + " characters");
                    }
                    if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
                        return Optional.of("must be at most " + schema.get("maxLength").asInt() + " characters");
                    }
                    if (schema.has("pattern") && !matches(schema.get("pattern").asText(), text)) {
                        return Optional.of("must match `" + schema.get("pattern").asText() + "`");
                    }
                    return Optional.empty();
                }
            }
        }

        Object typed(String text) {
            return switch (kind) {
                case INTEGER -> new BigDecimal(text).longValueExact();
                case NUMBER -> Double.valueOf(text);
                case BOOLEAN -> Boolean.valueOf(text);
                default -> text;
            };
        }

        /**
         * JSON Schema patterns are unanchored (ECMA 262 search semantics). A pattern Java cannot compile is left
         * for the broker to enforce rather than blocking every value.
         */
        private static boolean matches(String pattern, String text) {
            try {
                return Pattern.compile(pattern).matcher(text).find();
            } catch (PatternSyntaxException e) {
                return true;
            }
        }
    }
}
