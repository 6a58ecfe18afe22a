package dev.harbormaster.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slack's documented Block Kit limits, written out again for tests (not the bot's own table), so that a mistake in
 * the bot's fitting cannot hide itself: Slack refuses a message that breaks one, and the user then sees nothing.
 */
public final class BlockKitAssertions {

    private BlockKitAssertions() {
    }

    /** Every limit a message answer ({@code text} and {@code blocks}) breaks; empty when Slack would take it. */
    public static List<String> violations(JsonNode message, int maxBlocks) {
        List<String> problems = new ArrayList<>();
        if (message.path("text").asText("").length() > 40_000) {
            problems.add("top-level text of " + message.path("text").asText().length() + " characters");
        }
        JsonNode blocks = message.path("blocks");
        if (blocks.size() > maxBlocks) {
            problems.add(blocks.size() + " blocks");
        }
        for (JsonNode block : blocks) {
            String type = block.path("type").asText();
            check(problems, type + " text", block.path("text").path("text"), "header".equals(type) ? 150 : 3000);
            block.path("fields").forEach(field -> check(problems, "section field", field.path("text"), 2000));
            if (block.path("fields").size() > 10) {
                problems.add(block.path("fields").size() + " fields");
            }
            if ("context".equals(type)) {
                block.path("elements").forEach(e -> check(problems, "context element", e.path("text"), 3000));
            }
            List<JsonNode> elements = new ArrayList<>();
            block.path("elements").forEach(elements::add);
            elements.add(block.path("accessory"));
            elements.add(block.path("element"));
            for (JsonNode element : elements) {
                if ("button".equals(element.path("type").asText())) {
                    check(problems, "button text", element.path("text").path("text"), 75);
                }
                check(problems, "value", element.path("value"), 2000);
                check(problems, "url", element.path("url"), 3000);
                element.path("options").forEach(o -> check(problems, "option text", o.path("text").path("text"), 75));
            }
            if ("actions".equals(type) && block.path("elements").size() > 25) {
                problems.add(block.path("elements").size() + " elements in an actions block");
            }
        }
        return problems;
    }

    public static void assertWithinLimits(JsonNode message, int maxBlocks, String context) {
        List<String> problems = violations(message, maxBlocks);
        assertTrue(problems.isEmpty(), "Slack would refuse this answer (" + problems + ") for " + context);
    }

    private static void check(List<String> problems, String what, JsonNode text, int max) {
        if (text.isTextual() && text.asText().length() > max) {
            problems.add(what + " of " + text.asText().length() + " characters (at most " + max + ")");
        }
    }
}
