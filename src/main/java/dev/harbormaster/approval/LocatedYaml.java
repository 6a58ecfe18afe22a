package dev.harbormaster.approval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into a tree that remembers the line of every field and list item (Jackson's
 * {@code JsonLocation}), so that a policy problem can say where to look. Paths look like
 * {@code require[0].count}.
 */
final class LocatedYaml {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;
    private final Map<String, Integer> lines;
    private final List<String> duplicates;

    private LocatedYaml(JsonNode root, Map<String, Integer> lines, List<String> duplicates) {
        this.root = root;
        this.lines = lines;
        this.duplicates = duplicates;
    }

    /** @return the tree, a missing node for an empty document */
    static LocatedYaml read(String yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(yaml)) {
            if (parser.nextToken() == null) {
                return new LocatedYaml(NODES.missingNode(), lines, duplicates);
            }
            JsonNode root = value(parser, "", lines, duplicates);
            return new LocatedYaml(root, lines, duplicates);
        }
    }

    JsonNode root() {
        return root;
    }

    /** Paths of fields written twice in one mapping. */
    List<String> duplicates() {
        return duplicates;
    }

    /** The line of {@code path}, or of its nearest parent that has one; 1 when nothing is known. */
    int line(String path) {
        String current = path;
        while (true) {
            Integer line = lines.get(current);
            if (line != null) {
                return line;
            }
            int cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
            if (cut <= 0) {
                return lines.getOrDefault("", 1);
            }
            current = current.substring(0, cut);
        }
    }

    private static JsonNode value(JsonParser parser, String path, Map<String, Integer> lines, List<String> duplicates)
            throws IOException {
        lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    if (object.has(name)) {
                        duplicates.add(child);
                    }
                    lines.put(child, parser.currentTokenLocation().getLineNr());
                    parser.nextToken();
                    object.set(name, value(parser, child, lines, duplicates));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser, path + "[" + index++ + "]", lines, duplicates));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(parser.getBooleanValue());
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IOException("unexpected " + token + " at line " + parser.currentTokenLocation().getLineNr());
        }
    }
}
