package dev.harbormaster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the sandbox needs to know about Block Kit: whether blocks are well-formed, the ids Slack fills in,
 * finding the element a click targets, and the {@code state.values} a modal submission carries.
 */
final class SandboxBlocks {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** The element a click lands on, and the {@code actions[0]} entry Slack sends for it. */
    record Action(String blockId, JsonNode element, ObjectNode payload) {
    }

    private SandboxBlocks() {
    }

    /** Slack's rule: a JSON array of objects, each with a {@code type}. */
    static boolean valid(JsonNode blocks) {
        return wellFormed(blocks) && withinLimits(blocks, 50);
    }

    /** Blocks of a modal, which may hold up to 100. */
    static boolean validModal(JsonNode blocks) {
        return wellFormed(blocks) && withinLimits(blocks, 100);
    }

    private static boolean wellFormed(JsonNode blocks) {
        if (blocks == null || !blocks.isArray()) {
            return false;
        }
        for (JsonNode block : blocks) {
            if (!block.isObject() || !block.path("type").isTextual() || block.path("type").asText().isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The limits Slack documents for Block Kit, checked as Slack checks them: it refuses a message or view that
     * breaks any one with {@code invalid_blocks}, so the sandbox does too (written apart from the bot's own
     * fitting, so that a mistake there shows here).
     */
    static boolean withinLimits(JsonNode blocks, int maxBlocks) {
        if (blocks.size() > maxBlocks) {
            return false;
        }
        for (JsonNode block : blocks) {
            String type = block.path("type").asText();
            boolean fits = switch (type) {
                case "section" -> length(block.path("text").path("text")) <= 3000 && block.path("fields").size() <= 10
                        && every(block.path("fields"), f -> length(f.path("text")) <= 2000)
                        && elementFits(block.path("accessory"));
                case "header" -> length(block.path("text").path("text")) <= 150;
                case "context" -> block.path("elements").size() <= 10
                        && every(block.path("elements"), e -> length(e.path("text")) <= 3000);
                case "actions" -> block.path("elements").size() <= 25 && every(block.path("elements"), SandboxBlocks::elementFits);
                case "input" -> length(block.path("label").path("text")) <= 2000 && length(block.path("hint").path("text")) <= 2000
                        && elementFits(block.path("element"));
                default -> true;
            };
            if (!fits || length(block.path("block_id")) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean elementFits(JsonNode element) {
        if (!element.isObject()) {
            return true;
        }
        boolean button = "button".equals(element.path("type").asText());
        return (!button || length(element.path("text").path("text")) <= 75)
                && length(element.path("value")) <= 2000 && length(element.path("url")) <= 3000
                && length(element.path("action_id")) <= 255 && length(element.path("placeholder").path("text")) <= 150
                && element.path("options").size() <= 100
                && every(element.path("options"), o -> length(o.path("text").path("text")) <= 75 && length(o.path("value")) <= 150);
    }

    private static boolean every(JsonNode list, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode item : list) {
            if (!test.test(item)) {
                return false;
            }
        }
        return true;
    }

    private static int length(JsonNode text) {
        return text.isTextual() ? text.asText().length() : 0;
    }

    /** A copy with the block_id and action_id Slack assigns to blocks and elements that have none. */
    static ArrayNode withIds(JsonNode blocks) {
        ArrayNode copy = blocks == null ? NODES.arrayNode() : (ArrayNode) blocks.deepCopy();
        for (JsonNode node : copy) {
            ObjectNode block = (ObjectNode) node;
            if (!block.hasNonNull("block_id")) {
                block.put("block_id", randomId(5));
            }
            for (JsonNode element : elements(block)) {
                if (element.isObject() && interactive(element) && !element.hasNonNull("action_id")) {
                    ((ObjectNode) element).put("action_id", randomId(4));
                }
            }
        }
        return copy;
    }

    static String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }

    /** The block_id of the block holding the element with this action_id. */
    static Optional<String> blockIdOf(JsonNode blocks, String actionId) {
        for (JsonNode block : blocks) {
            for (JsonNode element : elements(block)) {
                if (element.path("action_id").asText().equals(actionId)) {
                    return Optional.of(block.path("block_id").asText());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The interactive element with this action_id (and, for buttons, this value; for menus, the option with
     * this value or label), shaped as Slack's {@code actions[0]}.
     */
    static Action findAction(JsonNode blocks, String actionId, String value, String actionTs,
                             Function<String, Optional<String>> userIds, Function<String, Optional<String>> channelIds) {
        List<String> seen = new ArrayList<>();
        for (JsonNode block : blocks) {
            for (JsonNode element : elements(block)) {
                if (!interactive(element)) {
                    continue;
                }
                String id = element.path("action_id").asText();
                String type = element.path("type").asText();
                seen.add(id + (element.has("value") ? "(value " + element.path("value").asText() + ")" : "(" + type + ")"));
                if (!id.equals(actionId)) {
                    continue;
                }
                ObjectNode payload = NODES.objectNode();
                payload.put("action_id", id);
                payload.put("block_id", block.path("block_id").asText());
                payload.put("type", type);
                if (type.equals("button")) {
                    if (value != null && !value.equals(element.path("value").asText(null))) {
                        continue;
                    }
                    payload.set("text", element.path("text"));
                    if (element.has("value")) {
                        payload.set("value", element.get("value"));
                    }
                    if (element.has("style")) {
                        payload.set("style", element.get("style"));
                    }
                } else if (hasOptions(type)) {
                    if (value == null) {
                        throw SandboxRequestException.badRequest("Give \"value\" to choose an option of " + id
                                + ": one of " + optionValues(element));
                    }
                    JsonNode option = option(element, value).orElse(null);
                    if (option == null) {
                        continue;
                    }
                    if (type.startsWith("multi_") || type.equals("checkboxes")) {
                        payload.set("selected_options", NODES.arrayNode().add(option));
                    } else {
                        payload.set("selected_option", option);
                    }
                } else {
                    shapeValue(payload, type, value == null ? null : NODES.textNode(value), element, id, userIds, channelIds);
                }
                payload.put("action_ts", actionTs);
                return new Action(block.path("block_id").asText(), element, payload);
            }
        }
        throw SandboxRequestException.badRequest("No button or menu with action_id \"" + actionId + "\""
                + (value == null ? "" : " and value \"" + value + "\"") + " there; it has: "
                + (seen.isEmpty() ? "no interactive elements" : String.join(", ", seen)));
    }

    /**
     * {@code view.state.values} for a submission: what the user typed (given as {@code {block_id: {action_id: value}}}
     * or flat {@code {action_id: value}}), else the element's initial value. Slack would not let a required input
     * be submitted empty, nor a menu take a value that is not one of its options: neither does the sandbox.
     */
    static ObjectNode stateValues(JsonNode blocks, JsonNode given, Function<String, Optional<String>> userIds,
                                  Function<String, Optional<String>> channelIds) {
        ObjectNode values = NODES.objectNode();
        for (JsonNode block : blocks) {
            if (!block.path("type").asText().equals("input") || !block.path("element").isObject()) {
                continue;
            }
            String blockId = block.path("block_id").asText();
            JsonNode element = block.get("element");
            String actionId = element.path("action_id").asText();
            String type = element.path("type").asText();
            JsonNode value = given == null ? null
                    : given.path(blockId).isObject() ? given.path(blockId).get(actionId) : given.get(actionId);
            if (value != null && value.isNull()) {
                value = null;
            }
            ObjectNode state = NODES.objectNode();
            state.put("type", type);
            if (value == null) {
                initialValue(state, element);
            } else {
                shapeValue(state, type, value, element, blockId, userIds, channelIds);
            }
            if (!block.path("optional").asBoolean(false) && empty(state)) {
                throw SandboxRequestException.badRequest("The input \"" + label(block) + "\" (block_id " + blockId
                        + ", action_id " + actionId + ") is required: Slack would not let the form be submitted without it");
            }
            values.putObject(blockId).set(actionId, state);
        }
        return values;
    }

    private static void shapeValue(ObjectNode state, String type, JsonNode value, JsonNode element, String where,
                                   Function<String, Optional<String>> userIds, Function<String, Optional<String>> channelIds) {
        if (type.contains("external_select") && value != null && (value.isObject() || (value.isArray() && value.path(0).isObject()))) {
            externalOptions(state, type, value);
            return;
        }
        List<String> many = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(v -> many.add(v.asText()));
        } else if (value != null) {
            many.add(value.asText());
        }
        String one = many.isEmpty() ? null : many.get(0);
        switch (type) {
            case "static_select", "external_select", "radio_buttons" ->
                    state.set("selected_option", one == null ? NODES.nullNode() : chosen(element, one, type, where));
            case "multi_static_select", "multi_external_select", "checkboxes" -> {
                ArrayNode options = state.putArray("selected_options");
                many.forEach(v -> options.add(chosen(element, v, type, where)));
            }
            case "users_select" -> state.put("selected_user", one == null ? null : lookup(userIds, one, "user", where));
            case "multi_users_select" -> {
                ArrayNode users = state.putArray("selected_users");
                many.forEach(v -> users.add(lookup(userIds, v, "user", where)));
            }
            case "conversations_select" -> state.put("selected_conversation", one == null ? null : lookup(channelIds, one, "channel", where));
            case "channels_select" -> state.put("selected_channel", one == null ? null : lookup(channelIds, one, "channel", where));
            case "multi_conversations_select", "multi_channels_select" -> {
                ArrayNode channels = state.putArray(type.equals("multi_channels_select") ? "selected_channels" : "selected_conversations");
                many.forEach(v -> channels.add(lookup(channelIds, v, "channel", where)));
            }
            case "datepicker" -> state.put("selected_date", one);
            case "timepicker" -> state.put("selected_time", one);
            default -> state.put("value", one);
        }
    }

    /** An external option comes from the bot's block_suggestion answer, text and value as it sent them. */
    private static void externalOptions(ObjectNode state, String type, JsonNode value) {
        ArrayNode chosen = NODES.arrayNode();
        (value.isArray() ? value : NODES.arrayNode().add(value)).forEach(option -> {
            ObjectNode copy = NODES.objectNode();
            copy.set("text", option.path("text").isObject() ? option.get("text")
                    : NODES.objectNode().put("type", "plain_text").put("text", option.path("value").asText()));
            copy.put("value", option.path("value").asText());
            chosen.add(copy);
        });
        if (type.startsWith("multi_")) {
            state.set("selected_options", chosen);
        } else {
            state.set("selected_option", chosen.isEmpty() ? NODES.nullNode() : chosen.get(0));
        }
    }

    private static void initialValue(ObjectNode state, JsonNode element) {
        String type = element.path("type").asText();
        switch (type) {
            case "static_select", "external_select", "radio_buttons" -> state.set("selected_option", initial(element, "initial_option"));
            case "multi_static_select", "multi_external_select", "checkboxes" ->
                    state.set("selected_options", element.has("initial_options") ? element.get("initial_options") : NODES.arrayNode());
            case "users_select" -> state.set("selected_user", initial(element, "initial_user"));
            case "multi_users_select" -> state.set("selected_users", element.has("initial_users") ? element.get("initial_users") : NODES.arrayNode());
            case "conversations_select" -> state.set("selected_conversation", initial(element, "initial_conversation"));
            case "channels_select" -> state.set("selected_channel", initial(element, "initial_channel"));
            case "multi_conversations_select" -> state.set("selected_conversations",
                    element.has("initial_conversations") ? element.get("initial_conversations") : NODES.arrayNode());
            case "multi_channels_select" -> state.set("selected_channels",
                    element.has("initial_channels") ? element.get("initial_channels") : NODES.arrayNode());
            case "datepicker" -> state.set("selected_date", initial(element, "initial_date"));
            case "timepicker" -> state.set("selected_time", initial(element, "initial_time"));
            default -> state.set("value", initial(element, "initial_value"));
        }
    }

    private static JsonNode initial(JsonNode element, String field) {
        JsonNode initial = element.get(field);
        return initial == null ? NODES.nullNode() : initial;
    }

    private static boolean empty(ObjectNode state) {
        for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) state::fields) {
            if (field.getKey().equals("type")) {
                continue;
            }
            JsonNode value = field.getValue();
            return value == null || value.isNull() || (value.isArray() && value.isEmpty())
                    || (value.isTextual() && value.asText().isBlank());
        }
        return true;
    }

    private static JsonNode chosen(JsonNode element, String value, String type, String where) {
        if (type.contains("external_select")) {
            return option(element, value).orElseGet(() -> {
                ObjectNode option = NODES.objectNode();
                option.putObject("text").put("type", "plain_text").put("text", value);
                option.put("value", value);
                return option;
            });
        }
        return option(element, value).orElseThrow(() -> SandboxRequestException.badRequest("\"" + value
                + "\" is not an option of " + where + ": choose one of " + optionValues(element)));
    }

    private static String lookup(Function<String, Optional<String>> ids, String nameOrId, String kind, String where) {
        return ids.apply(nameOrId).orElseThrow(() -> SandboxRequestException.badRequest(
                "No " + kind + " \"" + nameOrId + "\" in the sandbox workspace (for " + where + ")"));
    }

    private static Optional<JsonNode> option(JsonNode element, String valueOrLabel) {
        List<JsonNode> options = options(element);
        for (JsonNode option : options) {
            if (option.path("value").asText().equals(valueOrLabel)) {
                return Optional.of(option);
            }
        }
        for (JsonNode option : options) {
            if (option.path("text").path("text").asText().equals(valueOrLabel)) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }

    private static List<JsonNode> options(JsonNode element) {
        List<JsonNode> options = new ArrayList<>();
        element.path("options").forEach(options::add);
        element.path("option_groups").forEach(group -> group.path("options").forEach(options::add));
        return options;
    }

    private static List<String> optionValues(JsonNode element) {
        return options(element).stream().map(o -> o.path("value").asText()).toList();
    }

    private static boolean hasOptions(String type) {
        return type.equals("overflow") || type.equals("static_select") || type.equals("multi_static_select")
                || type.equals("radio_buttons") || type.equals("checkboxes");
    }

    private static boolean interactive(JsonNode element) {
        String type = element.path("type").asText();
        return !type.isEmpty() && !type.equals("image") && !type.equals("plain_text") && !type.equals("mrkdwn");
    }

    /** The elements of a block that can carry an action_id: actions elements, a section's accessory, an input's element. */
    private static List<JsonNode> elements(JsonNode block) {
        List<JsonNode> elements = new ArrayList<>();
        switch (block.path("type").asText()) {
            case "actions" -> block.path("elements").forEach(elements::add);
            case "section" -> {
                if (block.path("accessory").isObject()) {
                    elements.add(block.get("accessory"));
                }
            }
            case "input" -> {
                if (block.path("element").isObject()) {
                    elements.add(block.get("element"));
                }
            }
            default -> {
            }
        }
        return elements;
    }

    private static String label(JsonNode block) {
        return block.path("label").path("text").asText(block.path("block_id").asText());
    }
}
