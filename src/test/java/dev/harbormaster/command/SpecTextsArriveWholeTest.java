package dev.harbormaster.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.events.CommentEvent;
import org.yaml.snakeyaml.events.Event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * In YAML an unquoted " #" starts a comment, so a help text or a policy message written without quotes loses
 * everything after it ("42 for #42" arrived as "(42 for"). Texts in commands/ and approvals/ reach users, so no
 * line there may end in a comment after a value.
 */
class SpecTextsArriveWholeTest {

    @Test
    void noTextInCommandsOrApprovalsIsCutByAComment() throws IOException {
        List<String> cut = new ArrayList<>();
        for (Path file : yamlFiles()) {
            LoaderOptions options = new LoaderOptions();
            options.setProcessComments(true);
            try (Reader reader = Files.newBufferedReader(file)) {
                for (Event event : new Yaml(options).parse(reader)) {
                    if (event instanceof CommentEvent comment && comment.getCommentType() == CommentType.IN_LINE) {
                        cut.add(file + ":" + (comment.getStartMark().getLine() + 1) + " loses \"#" + comment.getValue() + "\"");
                    }
                }
            }
        }
        assertEquals(List.of(), cut, "quote these texts, or move the comment to its own line");
    }

    @Test
    void theRequestNumberHelpAndTheTierOneRefusalKeepTheirChannelAndExample() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        for (String command : List.of("approve", "reject", "approvals-cancel")) {
            JsonNode spec = yaml.readTree(Path.of("commands", command + ".yaml").toFile());
            String help = spec.at("/arguments/0/description").asText();
            assertTrue(help.endsWith("(42 for #42)."), command + ": " + help);
        }
        JsonNode deletion = yaml.readTree(Path.of("approvals", "service-deletion.yaml").toFile());
        String refusal = deletion.at("/deny/0/message").asText();
        assertTrue(refusal.endsWith("with the platform team in #platform."), refusal);
    }

    private static List<Path> yamlFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("commands", "approvals")) {
            try (Stream<Path> listing = Files.list(Path.of(folder))) {
                listing.filter(path -> path.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() > 20, "found " + files);
        return files;
    }
}
