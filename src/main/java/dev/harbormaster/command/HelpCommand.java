package dev.harbormaster.command;

import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code /platform help [command]}: the list of commands, or everything about one of them. */
@ApplicationScoped
public class HelpCommand implements PlatformCommand {

    @Inject
    CommandRegistry registry;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return CommandLineParser.HELP;
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        return answer(registry.index(), new HelpMessages(connection.slashCommand()),
                invocation.optionalArgument("command"));
    }

    static CommandReply answer(CommandIndex index, HelpMessages messages, Optional<String> command) {
        if (command.isEmpty() || command.get().isBlank()) {
            return messages.overview(index.specs());
        }
        String typed = command.get().strip();
        // "help service payments-api" still explains `service`: the words after the name are its arguments.
        List<String> words = Arrays.asList(typed.split("\\s+"));
        return index.longestPrefix(words)
                .map(match -> messages.details(match.spec()))
                .orElseGet(() -> messages.unknown(words.get(0), index.invocations()));
    }
}
