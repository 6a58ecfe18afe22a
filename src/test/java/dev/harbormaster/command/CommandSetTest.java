package dev.harbormaster.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandSetTest {

    /** A handler that only has a name, which is all the start-up check looks at. */
    private record Named(String name) implements PlatformCommand {
        @Override
        public CommandReply execute(CommandInvocation invocation) {
            return CommandReply.nothing();
        }
    }

    private static final SpecFile TEAM = TestSpecs.file("commands/team.yaml", """
            name: team
            summary: Show a team
            usage: team <name>
            arguments:
              - {name: name, type: team, required: true}
            """);
    private static final SpecFile SERVICE = TestSpecs.file("commands/service.yaml", """
            name: service
            aliases: [svc]
            summary: Show a service
            usage: service <name>
            """);

    private static CommandSetupException failure(List<SpecFile> specs, List<String> loadProblems, PlatformCommand... handlers) {
        return assertThrows(CommandSetupException.class, () -> CommandSet.assemble(
                new CommandSpecLoader.Loaded(specs, loadProblems), List.of(handlers), h -> h.getClass().getSimpleName() + ":" + h.name()));
    }

    @Test
    void matchingSpecsAndHandlersAssemble() {
        Named team = new Named("team");
        CommandSet set = CommandSet.assemble(new CommandSpecLoader.Loaded(List.of(TEAM, SERVICE), List.of()),
                List.of(team, new Named("service")), h -> h.name());
        assertSame(team, set.handler(TEAM.spec()));
        assertEquals(List.of("service", "team"), set.index().specs().stream().map(CommandSpec::name).toList());
    }

    @Test
    void specWithoutHandlerIsReported() {
        CommandSetupException e = failure(List.of(TEAM, SERVICE), List.of(), new Named("team"));
        assertEquals(List.of("commands/service.yaml declares `service` but no PlatformCommand bean implements it"), e.problems());
    }

    @Test
    void handlerWithoutSpecIsReported() {
        CommandSetupException e = failure(List.of(TEAM), List.of(), new Named("team"), new Named("deploy"));
        assertEquals(List.of("PlatformCommand bean Named:deploy implements `deploy` but no commands/*.yaml declares it"),
                e.problems());
    }

    @Test
    void twoHandlersForOneNameAreReported() {
        CommandSetupException e = failure(List.of(TEAM), List.of(), new Named("team"), new Named("team"));
        assertEquals(List.of("two PlatformCommand beans implement `team`: Named:team, Named:team"), e.problems());
    }

    @Test
    void aliasCollidingWithAnotherNameIsReported() {
        SpecFile svc = TestSpecs.file("commands/svc.yaml", "name: svc\nsummary: Other\nusage: svc\n");
        CommandSetupException e = failure(List.of(SERVICE, svc), List.of(), new Named("service"), new Named("svc"));
        assertEquals(List.of("command collision: `svc` is declared by commands/service.yaml (alias of `service`)"
                + " and by commands/svc.yaml (name of `svc`)"), e.problems());
    }

    @Test
    void twoFilesDeclaringOneNameCollide() {
        SpecFile again = TestSpecs.file("commands/team-again.yaml", "name: team\nsummary: Again\nusage: team\n");
        CommandSetupException e = failure(List.of(TEAM, again), List.of(), new Named("team"));
        assertTrue(e.problems().get(0).startsWith("command collision: `team` is declared by commands/team.yaml"), e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        CommandSetupException e = failure(List.of(TEAM, SERVICE), List.of("commands/broken.yaml: field `summary` is missing"),
                new Named("deploy"), new Named("deploy"));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("commands/broken.yaml: field `summary` is missing"));
        assertTrue(e.getMessage().contains("`team` but no PlatformCommand"));
        assertTrue(e.getMessage().contains("`service` but no PlatformCommand"));
        assertTrue(e.getMessage().contains("two PlatformCommand beans implement `deploy`"));
    }
}
