package dev.harbormaster.command;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Whatever people type or paste, the parser answers with something runnable or something that helps. */
class CommandLineParserPropertyTest {

    private static final long SEED = 20_261_124L;
    private static final List<String> PIECES = List.of(
            "help", "service", "services", "svc", "SERVICE", "edit", "team", "register", "scale", "addon", "create",
            "new", "approvals", "cancel", "payments-api", "3", "-1", "999999999999", "--", "--env", "--env=", "--ENV=prod",
            "--param", "k=v", "--dry-run", "--dry-run=maybe", "--limit", "--tema", "--help", "-h", "\"", "'", "“", "”",
            "‘", "’", "\\", "\"two words\"", "'it's'", "=", "&amp;", "&lt;", "&gt;", "<!channel>", "<@UALICE>", "`",
            "é", "日本語", "🚀", "\u200b", "\t", "\n", "\r\n", "  ", "kind: Component", "--description", "null");

    @Test
    void thousandRandomLinesAllGetAnAnswerThatRunsOrHelps() {
        CommandLineParser parser = TestSpecs.parser();
        Random random = new Random(SEED);
        for (int i = 0; i < 1000; i++) {
            String line = randomLine(random);
            CommandLine parsed;
            try {
                parsed = parser.parse(line);
            } catch (RuntimeException e) {
                throw new AssertionError("the parser threw on line #" + i + ": " + printable(line), e);
            }
            assertNotNull(parsed, line);
            if (parsed instanceof CommandLine.Invalid invalid) {
                assertFalse(invalid.message().isBlank(), () -> "empty message for " + printable(line));
                assertTrue(invalid.message().contains("/platform help") || invalid.message().contains("Usage:"),
                        () -> "no way out offered for " + printable(line) + ":\n" + invalid.message());
                assertFalse(invalid.message().contains("<!channel>") || invalid.message().contains("<@UALICE>"),
                        () -> "user input reached Slack unescaped for " + printable(line) + ":\n" + invalid.message());
                assertTrue(invalid.message().length() < 2000, () -> "runaway message for " + printable(line));
            } else if (!(parsed instanceof CommandLine.Ready ready) || ready.spec() == null) {
                fail("neither Ready with a spec nor Invalid: " + parsed);
            }
        }
    }

    private static String randomLine(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> randomCodePoints(random, random.nextInt(40));
            case 2 -> PIECES.get(random.nextInt(PIECES.size())).repeat(1 + random.nextInt(2000));
            default -> {
                StringBuilder line = new StringBuilder();
                int words = random.nextInt(12);
                for (int w = 0; w < words; w++) {
                    line.append(PIECES.get(random.nextInt(PIECES.size())));
                    if (random.nextInt(3) > 0) {
                        line.append(' ');
                    }
                }
                yield line.toString();
            }
        };
    }

    private static String randomCodePoints(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint = random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : random.nextInt(0x2FFFF);
            if (Character.isValidCodePoint(codePoint) && !Character.isSurrogate((char) codePoint)) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    private static String printable(String line) {
        String shown = line.length() > 200 ? line.substring(0, 200) + "…" : line;
        return "«" + shown.replace("\n", "\\n") + "»";
    }
}
