package dev.harbormaster.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/**
 * Slack's documented Block Kit limits, and the one way long text is fitted into them: Slack refuses a message
 * that breaks any of them, and then the user sees nothing at all. Cuts are visible ("… and 12 more").
 */
public final class BlockKit {

    /** Text of a section block. */
    public static final int SECTION_TEXT = 3000;
    /** Text of a header block. */
    public static final int HEADER_TEXT = 150;
    /** Text of a button. */
    public static final int BUTTON_TEXT = 75;
    /** Value of a button or option. */
    public static final int VALUE = 2000;
    /** Blocks in a message. */
    public static final int MESSAGE_BLOCKS = 50;
    /** Blocks in a modal. */
    public static final int MODAL_BLOCKS = 100;
    /** Top-level {@code text} of a message; Slack truncates longer text and refuses over 40,000. */
    public static final int MESSAGE_TEXT = 40_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final Gson GSON = GsonFactory.createSnakeCase();
    private static final Type LAYOUT_BLOCKS = new TypeToken<List<LayoutBlock>>() { }.getType();
    /** Text limits of composition objects by the field that holds them, for any block or element. */
    private static final Map<String, Integer> TEXT_FIELDS = Map.of("label", 2000, "hint", 2000, "placeholder", 150,
            "title", 2000, "description", 75);

    private BlockKit() {
    }

    /** {@code text} cut to {@code max} characters (never inside a surrogate pair), ending in "…" when cut. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /**
     * Mrkdwn text as sections of at most {@link #SECTION_TEXT} characters each, split between lines, and at most
     * {@code maxBlocks} of them; what does not fit is replaced by a last line saying how many lines were left out.
     */
    public static List<LayoutBlock> sections(String mrkdwn, int maxBlocks) {
        List<String> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        String[] lines = mrkdwn.split("\n", -1);
        int index = 0;
        for (; index < lines.length; index++) {
            String line = cut(lines[index], SECTION_TEXT);
            if (chunk.length() > 0 && chunk.length() + 1 + line.length() > SECTION_TEXT) {
                if (chunks.size() + 1 == maxBlocks) {
                    break;
                }
                chunks.add(chunk.toString());
                chunk.setLength(0);
            }
            if (chunk.length() > 0) {
                chunk.append('\n');
            }
            chunk.append(line);
        }
        int leftOut = lines.length - index;
        if (leftOut > 0) {
            String more = "\n_… and " + leftOut + " more line" + (leftOut == 1 ? "" : "s") + "_";
            if (chunk.length() + more.length() > SECTION_TEXT) {
                chunk.setLength(SECTION_TEXT - more.length());
            }
            chunk.append(more);
        }
        chunks.add(chunk.toString());
        return chunks.stream().<LayoutBlock>map(text -> section(s -> s.text(markdownText(text)))).toList();
    }

    /** {@link #fit(JsonNode, int)} for the SDK's block objects. */
    public static List<LayoutBlock> fit(List<LayoutBlock> blocks, int maxBlocks) {
        if (blocks == null || blocks.isEmpty()) {
            return blocks;
        }
        try {
            JsonNode tree = JACKSON.readTree(GSON.toJson(blocks));
            ArrayNode fitted = fit(tree, maxBlocks);
            // Almost every message is within the limits already: then the blocks go as they came, without two more
            // passes through JSON to rebuild what would be the same objects.
            return fitted.equals(tree) ? blocks : GSON.fromJson(JACKSON.writeValueAsString(fitted), LAYOUT_BLOCKS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Block Kit blocks always serialise", e);
        }
    }

    /** {@link #fit(JsonNode, int)} for blocks as JSON text; text that is not a JSON array is returned as it is. */
    public static String fitJson(String blocksJson, int maxBlocks) {
        if (blocksJson == null || blocksJson.isBlank()) {
            return blocksJson;
        }
        try {
            JsonNode tree = JACKSON.readTree(blocksJson);
            return tree.isArray() ? JACKSON.writeValueAsString(fit(tree, maxBlocks)) : blocksJson;
        } catch (JsonProcessingException e) {
            return blocksJson;
        }
    }

    /**
     * A message's top-level text within limits: the whole of it when there are no blocks (Slack shows it), else a
     * notification-sized fallback.
     */
    public static String fitText(String text, boolean hasBlocks) {
        return cut(text, hasBlocks ? SECTION_TEXT : MESSAGE_TEXT);
    }

    /**
     * A copy of Block Kit blocks (a message's or a modal's) cut to Slack's limits, visibly: long text ends in "…",
     * surplus blocks, fields, elements and options give way to a line saying how many were left out. The last guard
     * before anything leaves for Slack; message builders should already keep within the limits.
     */
    public static ArrayNode fit(JsonNode blocks, int maxBlocks) {
        ArrayNode fitted = NODES.arrayNode();
        if (blocks == null || !blocks.isArray()) {
            return fitted;
        }
        int kept = blocks.size() <= maxBlocks ? blocks.size() : maxBlocks - 1;
        for (int i = 0; i < kept; i++) {
            JsonNode block = blocks.get(i).deepCopy();
            if (block.isObject()) {
                fitBlock((ObjectNode) block);
            }
            fitted.add(block);
        }
        if (kept < blocks.size()) {
            fitted.add(moreNotShown(blocks.size() - kept, "part"));
        }
        return fitted;
    }

    private static void fitBlock(ObjectNode block) {
        String type = block.path("type").asText();
        switch (type) {
            case "header" -> cutText(block, "text", HEADER_TEXT);
            case "section" -> {
                cutText(block, "text", SECTION_TEXT);
                limitList(block, "fields", 10, field -> cutTextOf(field, 2000));
                if (block.path("accessory").isObject()) {
                    fitElement((ObjectNode) block.get("accessory"));
                }
            }
            case "context" -> limitList(block, "elements", 10, element -> {
                cutTextOf(element, SECTION_TEXT);
                cutString(element, "alt_text", 2000);
            });
            case "actions" -> limitList(block, "elements", 25, BlockKit::fitElement);
            case "input" -> {
                if (block.path("element").isObject()) {
                    fitElement((ObjectNode) block.get("element"));
                }
            }
            case "image" -> cutString(block, "alt_text", 2000);
            default -> {
                // dividers, rich text and blocks we do not build: nothing we could cut sensibly
            }
        }
        TEXT_FIELDS.forEach((field, max) -> cutText(block, field, max));
        cutString(block, "block_id", 255);
    }

    private static void fitElement(ObjectNode element) {
        String type = element.path("type").asText();
        if (type.equals("button")) {
            cutText(element, "text", BUTTON_TEXT);
        }
        cutString(element, "value", VALUE);
        cutString(element, "action_id", 255);
        if (element.path("url").asText("").length() > SECTION_TEXT) {
            element.remove("url");
        }
        TEXT_FIELDS.forEach((field, max) -> cutText(element, field, max));
        int maxOptions = type.equals("overflow") ? 5 : 100;
        limitList(element, "options", maxOptions, BlockKit::fitOption);
        if (element.path("confirm").isObject()) {
            ObjectNode confirm = (ObjectNode) element.get("confirm");
            cutText(confirm, "title", 100);
            cutText(confirm, "text", 300);
            cutText(confirm, "confirm", 30);
            cutText(confirm, "deny", 30);
        }
    }

    private static void fitOption(ObjectNode option) {
        cutText(option, "text", BUTTON_TEXT);
        cutText(option, "description", BUTTON_TEXT);
        cutString(option, "value", 150);
    }

    /** Keeps at most {@code max} items of a list (the last one saying how many more there were, where it can). */
    private static void limitList(ObjectNode parent, String field, int max, java.util.function.Consumer<ObjectNode> fit) {
        JsonNode list = parent.get(field);
        if (list == null || !list.isArray()) {
            return;
        }
        ArrayNode items = (ArrayNode) list;
        while (items.size() > max) {
            items.remove(items.size() - 1);
        }
        items.forEach(item -> {
            if (item.isObject()) {
                fit.accept((ObjectNode) item);
            }
        });
    }

    /** {@code parent.field} is a text object ({@code {type, text}}) or a string. */
    private static void cutText(ObjectNode parent, String field, int max) {
        JsonNode value = parent.get(field);
        if (value != null && value.isObject()) {
            cutString((ObjectNode) value, "text", max);
        } else if (value != null && value.isTextual()) {
            cutString(parent, field, max);
        }
    }

    private static void cutTextOf(ObjectNode textObject, int max) {
        cutString(textObject, "text", max);
    }

    private static void cutString(ObjectNode parent, String field, int max) {
        JsonNode value = parent.get(field);
        if (value != null && value.isTextual() && value.asText().length() > max) {
            parent.put(field, cut(value.asText(), max));
        }
    }

    private static ObjectNode moreNotShown(int count, String what) {
        ObjectNode context = NODES.objectNode().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "_… and " + count + " more " + what + (count == 1 ? "" : "s") + " not shown here_");
        return context;
    }
}
