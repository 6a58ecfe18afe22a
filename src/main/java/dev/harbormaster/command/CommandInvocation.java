package dev.harbormaster.command;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, validated command line. Options the user did not give carry the spec's default; flags are
 * present with value {@code "true"} when given.
 */
public record CommandInvocation(CommandSpec spec, Map<String, String> arguments,
                                Map<String, List<String>> options, Caller caller) {

    public CommandInvocation {
        arguments = Map.copyOf(arguments);
        options = Map.copyOf(options);
    }

    public String argument(String name) {
        return arguments.get(name);
    }

    public Optional<String> optionalArgument(String name) {
        return Optional.ofNullable(arguments.get(name));
    }

    public Optional<String> option(String name) {
        List<String> values = options.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    public List<String> options(String name) {
        return options.getOrDefault(name, List.of());
    }

    public boolean flag(String name) {
        return option(name).map(Boolean::parseBoolean).orElse(false);
    }

    public Optional<Integer> intOption(String name) {
        return option(name).map(Integer::parseInt);
    }
}
