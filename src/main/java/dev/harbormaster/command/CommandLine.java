package dev.harbormaster.command;

import java.util.List;
import java.util.Map;

/** The outcome of parsing what the user typed after the slash command. */
public sealed interface CommandLine {

    /** A known command whose arguments and options passed the spec's checks. */
    record Ready(CommandSpec spec, Map<String, String> arguments, Map<String, List<String>> options)
            implements CommandLine {
    }

    /**
     * The line cannot run. {@code message} is mrkdwn for the user and says what to type instead
     * (usage, valid options, "did you mean …?"); {@code spec} is null when no command matched.
     */
    record Invalid(CommandSpec spec, String message) implements CommandLine {
    }
}
