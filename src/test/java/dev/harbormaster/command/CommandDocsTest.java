package dev.harbormaster.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the README command table and the Slack manifest in step with {@code commands/*.yaml}. After adding
 * or changing a spec, regenerate both with
 * {@code mvn -B -o test -Dtest=CommandDocsTest -Dharbormaster.docs.write=true}.
 */
class CommandDocsTest {

    private static final Path README = Path.of("README.md");
    private static final Path MANIFEST = Path.of("deploy/slack/manifest.yaml");
    private static final String SLASH = "/platform";
    private static final boolean WRITE = Boolean.getBoolean("harbormaster.docs.write");
    private static final String HOW_TO_FIX =
            "\nRegenerate with: mvn -B -o test -Dtest=CommandDocsTest -Dharbormaster.docs.write=true";

    private static List<CommandSpec> specs;

    @BeforeAll
    static void readSpecs() {
        CommandSpecLoader.Loaded loaded = CommandSpecLoader.fromDirectory(Path.of(CommandSpecLoader.FOLDER));
        assertEquals(List.of(), loaded.problems(), "commands/*.yaml must be valid before docs can be generated");
        specs = loaded.specs().stream().map(SpecFile::spec).toList();
    }

    @Test
    void readmeTableMatchesTheSpecs() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String expected = CommandDocs.withReadmeTable(readme, CommandDocs.readmeTable(specs, SLASH));
        if (WRITE) {
            Files.writeString(README, expected, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(expected, readme, "README.md's command table is out of date; expected region:\n"
                + CommandDocs.readmeTable(specs, SLASH) + HOW_TO_FIX);
    }

    @Test
    void manifestSlashCommandMatchesTheSpecs() throws IOException {
        String manifest = Files.readString(MANIFEST, StandardCharsets.UTF_8);
        String description = CommandDocs.description(specs, SLASH);
        String usageHint = CommandDocs.usageHint(specs);
        if (WRITE) {
            Files.writeString(MANIFEST, CommandDocs.withSlashCommand(manifest, description, usageHint), StandardCharsets.UTF_8);
            return;
        }
        JsonNode command = new YAMLMapper().readTree(manifest).path("features").path("slash_commands").path(0);
        assertEquals(SLASH, command.path("command").asText());
        String expected = "description: \"" + description + "\"\nusage_hint: \"" + usageHint + "\"";
        assertEquals(usageHint, command.path("usage_hint").asText(), "deploy/slack/manifest.yaml is out of date; expected\n"
                + expected + HOW_TO_FIX);
        assertEquals(description, command.path("description").asText(), "deploy/slack/manifest.yaml is out of date; expected\n"
                + expected + HOW_TO_FIX);
    }

    @Test
    void manifestHasWhatTheBotNeeds() throws IOException {
        JsonNode manifest = new YAMLMapper().readTree(MANIFEST.toFile());
        JsonNode command = manifest.path("features").path("slash_commands").path(0);
        assertEquals("https://harbormaster.example.com/slack/events", command.path("url").asText());
        assertEquals(false, command.path("should_escape").asBoolean(true));
        assertEquals("https://harbormaster.example.com/slack/events",
                manifest.path("settings").path("interactivity").path("request_url").asText());
        JsonNode bot = manifest.path("oauth_config").path("scopes").path("bot");
        for (String scope : List.of("commands", "chat:write", "chat:write.public", "im:write", "users:read",
                "users:read.email", "usergroups:read", "channels:read", "groups:read", "channels:history", "groups:history",
                "im:history", "files:write")) {
            boolean present = false;
            for (JsonNode granted : bot) {
                present |= granted.asText().equals(scope);
            }
            assertTrue(present, "missing bot scope " + scope);
        }
    }

    @Test
    void tableHasOneRowPerSpecWithUsageSummaryAndActionColumn() {
        CommandSpec action = new CommandSpec("scale", List.of(), "Scale | resize", "scale <service> <replicas>",
                List.of(), List.of(), List.of("scale payments-api 3"), true);
        String table = CommandDocs.readmeTable(List.of(action), SLASH);
        assertTrue(table.contains("| `/platform scale <service> <replicas>` | Scale \\| resize | `/platform scale payments-api 3`"
                + " | yes, may need approval |"), table);
    }
}
