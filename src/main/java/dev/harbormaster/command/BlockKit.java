package dev.harbormaster.command;

import com.slack.api.model.block.LayoutBlock;

import java.util.ArrayList;
import java.util.List;

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
}
