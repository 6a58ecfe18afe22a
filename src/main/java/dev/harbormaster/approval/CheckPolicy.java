package dev.harbormaster.approval;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandLine;
import dev.harbormaster.command.CommandRegistry;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.regex.Pattern;

/**
 * {@code policy check <command line>}: parses the line exactly as the command would be, and asks the engine
 * what the policies would say, including whether the person checking may ask for it. Nothing runs and nothing is
 * recorded. Alone, it lists the policies that were loaded.
 */
@ApplicationScoped
public class CheckPolicy implements PlatformCommand {

    @Inject
    CommandRegistry registry;
    @Inject
    ApprovalEngine engine;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "policy check";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String typed = invocation.optionalArgument("command").map(String::strip).orElse("");
        if (typed.isEmpty()) {
            return PolicyCheckMessage.loaded(engine.loadedPolicies(), engine.defaultRequesters(), connection.slashCommand());
        }
        String line = typed.replaceFirst("^" + Pattern.quote(connection.slashCommand()) + "\\s+", "");
        CommandLine parsed = registry.parse(line);
        if (parsed instanceof CommandLine.Invalid invalid) {
            return CommandReply.ephemeral("That command line would not run as typed, so there is nothing to check:\n" + invalid.message());
        }
        CommandLine.Ready ready = (CommandLine.Ready) parsed;
        if (!ready.spec().action()) {
            return PolicyCheckMessage.notAnAction(ready.spec().name());
        }
        CommandInvocation asked = new CommandInvocation(ready.spec(), ready.arguments(), ready.options(), invocation.caller());
        try {
            return PolicyCheckMessage.explain(engine.explain(ready.spec().name(), ActionParameters.from(asked),
                    invocation.caller().userId()), line);
        } catch (ActionRefusedException e) {
            return CommandReply.ephemeral(e.getMessage());
        }
    }
}
