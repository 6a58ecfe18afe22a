package dev.harbormaster.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.slack.api.model.block.LayoutBlock;
import dev.harbormaster.testing.BlockKitAssertions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The last guard before Slack: whatever a builder made, what leaves is within Block Kit's limits, and cut visibly. */
class BlockKitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oversizedTextIsCutWithAnEllipsisAndSurplusBlocksAreCounted() throws Exception {
        ArrayNode blocks = JSON.createArrayNode();
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text").put("text", "h".repeat(400));
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", "s".repeat(40_119));
        ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
        for (int i = 0; i < 30; i++) {
            buttons.addObject().put("type", "button").put("value", "v".repeat(2500))
                    .putObject("text").put("type", "plain_text").put("text", "b".repeat(100));
        }
        for (int i = 0; i < 60; i++) {
            blocks.addObject().put("type", "divider");
        }
        JsonNode fitted = BlockKit.fit(blocks, BlockKit.MESSAGE_BLOCKS);
        JsonNode message = JSON.createObjectNode().set("blocks", fitted);
        assertTrue(BlockKitAssertions.violations(JSON.createObjectNode().set("blocks", blocks), 50).size() > 3,
                "the input breaks the limits");
        assertEquals(List.of(), BlockKitAssertions.violations(message, 50));
        assertEquals(50, fitted.size());
        assertTrue(fitted.get(0).path("text").path("text").asText().endsWith("…"));
        assertEquals(3000, fitted.get(1).path("text").path("text").asText().length());
        assertEquals(25, fitted.get(2).path("elements").size());
        assertEquals("_… and 14 more parts not shown here_", fitted.get(49).path("elements").get(0).path("text").asText());
    }

    @Test
    void theSdksBlocksComeBackAsBlocksWithinLimits() {
        List<LayoutBlock> blocks = List.of(header(h -> h.text(plainText("x".repeat(200)))),
                section(s -> s.text(markdownText("y".repeat(5000)))),
                actions(a -> a.elements(List.of(button(b -> b.text(plainText("z".repeat(80))).value("1").actionId("go"))))));
        List<LayoutBlock> fitted = BlockKit.fit(blocks, BlockKit.MESSAGE_BLOCKS);
        assertEquals(3, fitted.size());
        assertTrue(fitted.get(0) instanceof com.slack.api.model.block.HeaderBlock header
                && header.getText().getText().length() == 150);
        assertTrue(fitted.get(1) instanceof com.slack.api.model.block.SectionBlock section
                && section.getText().getText().length() == 3000);
    }

    @Test
    void longTextBecomesSectionsSplitBetweenLinesSayingWhatWasLeftOut() {
        String text = String.join("\n", java.util.Collections.nCopies(2000, "a line of about forty characters, or so"));
        List<LayoutBlock> sections = BlockKit.sections(text, 5);
        assertEquals(5, sections.size());
        String last = ((com.slack.api.model.block.SectionBlock) sections.get(4)).getText().getText();
        assertTrue(last.matches("(?s).*_… and \\d+ more lines_"), last.substring(Math.max(0, last.length() - 80)));
        sections.forEach(block -> assertTrue(((com.slack.api.model.block.SectionBlock) block).getText().getText().length() <= 3000));
    }
}
