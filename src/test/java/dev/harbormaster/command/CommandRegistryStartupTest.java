package dev.harbormaster.command;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The application starts with the packaged specs, every one of them matched to its handler. */
@QuarkusTest
class CommandRegistryStartupTest {

    private static final Caller ALICE = new Caller("UALICE", "alice", "T0SANDBOX", "CPAYMENTS", "payments",
            "trigger", "http://127.0.0.1:9/response");

    @Inject
    CommandRegistry registry;

    @Test
    void everyPackagedSpecHasItsHandler() {
        assertTrue(registry.specs().stream().anyMatch(spec -> spec.name().equals("help")));
        for (CommandSpec spec : registry.specs()) {
            assertEquals(spec.name(), registry.handler(spec).name());
        }
    }

    @Test
    void anEmptyLineRunsHelpWhichListsTheCommands() throws Exception {
        CommandLine.Ready ready = assertInstanceOf(CommandLine.Ready.class, registry.parse(""));
        assertEquals("help", registry.spec("HELP").orElseThrow().name());
        CommandReply reply = registry.handler(ready.spec())
                .execute(new CommandInvocation(ready.spec(), ready.arguments(), ready.options(), ALICE));
        assertEquals(CommandReply.Visibility.EPHEMERAL, reply.visibility());
        for (CommandSpec spec : registry.specs()) {
            assertTrue(reply.text().contains(spec.name()), reply.text());
        }
    }

    @Test
    void unknownCommandsAreAnsweredWithTheConfiguredSlashCommand() {
        CommandLine.Invalid invalid = assertInstanceOf(CommandLine.Invalid.class, registry.parse("hepl"));
        assertTrue(invalid.message().startsWith("`/platform hepl` is not a command. Did you mean `help`?"), invalid.message());
    }
}
