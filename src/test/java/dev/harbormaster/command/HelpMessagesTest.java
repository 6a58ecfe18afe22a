package dev.harbormaster.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.SectionBlock;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpMessagesTest {

    private final CommandIndex index = TestSpecs.index();
    private final HelpMessages messages = new HelpMessages(TestSpecs.SLASH);

    /** The message as Slack receives it: Block Kit JSON, which is what a user ends up seeing. */
    private static String json(CommandReply reply) throws Exception {
        return new ObjectMapper().writeValueAsString(reply.blocks());
    }

    private CommandReply help(String command) {
        return HelpCommand.answer(index, messages, Optional.ofNullable(command));
    }

    @Test
    void overviewListsEverySpecWithItsUsageAndSummary() throws Exception {
        String blocks = json(help(null));
        for (CommandSpec spec : index.specs()) {
            assertTrue(blocks.contains(Mrkdwn.code("/platform " + spec.usage()) + " — " + Mrkdwn.escape(spec.summary())),
                    () -> "help does not list " + spec.name() + ":\n" + blocks);
        }
        assertTrue(blocks.contains("Change the platform"));
        assertTrue(blocks.contains("/platform help &lt;command&gt;"));
    }

    @Test
    void overviewPutsLookupsBeforeChanges() throws Exception {
        String blocks = json(help(""));
        assertTrue(blocks.indexOf("/platform team &lt;name&gt;") < blocks.indexOf("/platform scale &lt;service&gt;"), blocks);
    }

    @Test
    void detailsShowArgumentsOptionsDefaultsValuesAndExamples() throws Exception {
        String blocks = json(help("addon create"));
        assertTrue(blocks.contains("/platform addon create"));
        assertTrue(blocks.contains("Provision an add-on through the service broker"));
        assertTrue(blocks.contains("`&lt;plan&gt;` _required_"));
        assertTrue(blocks.contains("`--env &lt;value&gt;` — Where to create it. One of `staging`, `production`. Default: `staging`."), blocks);
        assertTrue(blocks.contains("`--param &lt;value&gt;` — A parameter for the broker. May be given more than once."), blocks);
        assertTrue(blocks.contains("`--dry-run` — Show what would be requested."), blocks);
        assertTrue(blocks.contains("/platform addon create payments-api postgres-small --param version=16"), blocks);
        assertTrue(blocks.contains("Also typed as `/platform addon new`"), blocks);
        assertTrue(blocks.contains("it may need approval before it runs"), blocks);
    }

    @Test
    void detailsAreFoundByAliasCaseAndExtraWords() throws Exception {
        assertTrue(json(help("SVC")).contains("Show a service from the catalog"));
        assertTrue(json(help("service   edit")).contains("Change a service"));
        assertTrue(json(help("service payments-api")).contains("Show a service from the catalog"));
    }

    @Test
    void lookupsDoNotSayTheyNeedApproval() throws Exception {
        assertFalse(json(help("team")).contains("approval"));
    }

    @Test
    void unknownCommandGetsASuggestion() {
        CommandReply reply = help("sevrice");
        assertEquals("`sevrice` is not a command. Did you mean `service` or `services`? Type `/platform help` for the list.", reply.text());
    }

    @Test
    void theRealCommandsListEachGroupTitleOnceEvenWhenAGroupSpansSections() throws Exception {
        CommandSpecLoader.Loaded loaded = CommandSpecLoader.fromDirectory(Path.of("commands"));
        assertEquals(List.of(), loaded.problems());
        String blocks = json(HelpCommand.answer(CommandIndex.of(loaded.specs()), messages, Optional.empty()));
        assertEquals(1, blocks.split("\\*Look things up\\*", -1).length - 1, blocks);
        assertEquals(1, blocks.split("\\*Change the platform\\*", -1).length - 1, blocks);
        for (SpecFile file : loaded.specs()) {
            assertTrue(blocks.contains("/platform " + file.spec().name()), file.spec().name());
        }
    }

    @Test
    void everySectionFitsSlackLimits() {
        for (CommandSpec spec : index.specs()) {
            messages.details(spec).blocks().forEach(block -> {
                if (block instanceof SectionBlock section) {
                    assertTrue(section.getText().getText().length() <= HelpMessages.SECTION_LIMIT);
                }
            });
        }
    }
}
