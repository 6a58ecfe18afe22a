package dev.harbormaster.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Slack shows every :shortcode: the bot writes as a picture; the sandbox page draws them from its own table, and a
 * shortcode missing there shows as text (":raised_hand:" on every approval request). Every one the bot writes must
 * be in the table.
 */
class SandboxEmojiTest {

    /** A shortcode as the bot writes it: after a quote or a space, before a space (not "HH:mm:ss" or "jdbc:x:"). */
    private static final Pattern SHORTCODE = Pattern.compile("(?<=[\"\\s]):([a-z0-9_+-]+):(?=\\s)");
    private static final Pattern TABLE_ENTRY = Pattern.compile("(?m)(?:^|[\\s{,])([a-z0-9_+-]+): '");

    @Test
    void everyEmojiTheBotWritesIsDrawnByTheSandboxPage() throws IOException {
        Set<String> written = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher shortcode = SHORTCODE.matcher(Files.readString(source));
                while (shortcode.find()) {
                    written.add(shortcode.group(1));
                }
            }
        }
        assertTrue(written.containsAll(Set.of("raised_hand", "white_check_mark", "x")), "found " + written);

        String page = Files.readString(Path.of("src/main/resources/sandbox/ui/blockkit.js"));
        Set<String> drawn = new TreeSet<>();
        Matcher entry = TABLE_ENTRY.matcher(page.substring(page.indexOf("const EMOJI"), page.indexOf("};", page.indexOf("const EMOJI"))));
        while (entry.find()) {
            drawn.add(entry.group(1));
        }
        Set<String> missing = new TreeSet<>(written);
        missing.removeAll(drawn);
        assertEquals(Set.of(), missing, "add these to EMOJI in blockkit.js");
    }
}
