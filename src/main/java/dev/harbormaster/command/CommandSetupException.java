package dev.harbormaster.command;

import java.util.List;

/**
 * The command specs and the {@code PlatformCommand} beans do not fit together. Thrown at start-up with
 * every problem at once, so one restart shows everything that needs fixing.
 */
public class CommandSetupException extends RuntimeException {

    private final List<String> problems;

    public CommandSetupException(List<String> problems) {
        super("Harbormaster cannot start: " + problems.size() + " problem(s) with the commands:\n - "
                + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
