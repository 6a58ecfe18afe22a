package dev.harbormaster.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One subcommand as declared in {@code commands/<name>.yaml}: the single source of help, usage
 * errors, suggestions, the README table and the Slack manifest.
 *
 * @param name     words after the slash command, e.g. {@code service} or {@code service edit}
 * @param action   true when the command changes the platform and approvals may gate it
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CommandSpec(String name,
                          List<String> aliases,
                          String summary,
                          String usage,
                          List<Argument> arguments,
                          List<Option> options,
                          List<String> examples,
                          boolean action) {

    public CommandSpec {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
        options = options == null ? List.of() : List.copyOf(options);
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    /**
     * A positional argument. Types: {@code string}, {@code integer}, {@code service}, {@code team},
     * {@code text} (the rest of the line, verbatim; only last).
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Argument(String name, String type, boolean required, String description) {
    }

    /**
     * An option given as {@code --name value}, {@code --name=value}, or for {@code flag} just {@code --name}.
     * In YAML the default is written {@code default:}. Types: {@code string}, {@code integer}, {@code flag},
     * {@code service}, {@code team}; {@code repeatable}
     * options may be given several times; {@code values} restricts a string to a fixed set.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Option(String name, String type, @JsonProperty("default") String defaultValue, String description,
                         List<String> values, boolean repeatable) {
        public Option {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }
}
