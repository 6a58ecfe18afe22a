package dev.harbormaster.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one spec read from a YAML file. Every problem names the file and the field, so whoever edits
 * {@code commands/*.yaml} sees what to fix without reading Java.
 */
public final class CommandSpecValidator {

    public static final Set<String> ARGUMENT_TYPES = Set.of("string", "integer", "service", "team", "text");
    public static final Set<String> OPTION_TYPES = Set.of("string", "integer", "service", "team", "text", "flag");

    private static final Pattern COMMAND_NAME = Pattern.compile("[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)*");
    private static final Pattern OPTION_NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern ASCII_INTEGER = Pattern.compile("-?[0-9]{1,10}");
    private static final Pattern ARGUMENT_NAME = Pattern.compile("[a-z][a-z0-9_-]*");

    private CommandSpecValidator() {
    }

    public static List<String> problems(String source, CommandSpec spec) {
        List<String> problems = new ArrayList<>();
        if (blank(spec.name())) {
            problems.add(source + ": field `name` is missing");
        } else if (!COMMAND_NAME.matcher(spec.name()).matches()) {
            problems.add(source + ": field `name` is `" + spec.name()
                    + "`; use lowercase words separated by single spaces, e.g. `service edit`");
        }
        for (int i = 0; i < spec.aliases().size(); i++) {
            String alias = spec.aliases().get(i);
            if (alias == null || !COMMAND_NAME.matcher(alias).matches()) {
                problems.add(source + ": field `aliases[" + i + "]` is `" + alias + "`; use lowercase words");
            } else if (alias.equals(spec.name())) {
                problems.add(source + ": field `aliases[" + i + "]` repeats the command's own name");
            }
        }
        if (blank(spec.summary())) {
            problems.add(source + ": field `summary` is missing");
        }
        if (blank(spec.usage())) {
            problems.add(source + ": field `usage` is missing");
        } else if (!blank(spec.name()) && !startsWithWords(spec.usage(), spec.name())) {
            problems.add(source + ": field `usage` must start with the name `" + spec.name() + "`, but is `"
                    + spec.usage() + "`");
        }
        checkArguments(source, spec, problems);
        checkOptions(source, spec, problems);
        for (int i = 0; i < spec.examples().size(); i++) {
            String example = spec.examples().get(i);
            if (!blank(spec.name()) && (example == null || !startsWithWords(example, spec.name()))) {
                problems.add(source + ": field `examples[" + i + "]` must start with the name `" + spec.name()
                        + "`, but is `" + example + "`");
            }
        }
        return problems;
    }

    private static void checkArguments(String source, CommandSpec spec, List<String> problems) {
        Set<String> seen = new HashSet<>();
        boolean optionalSeen = false;
        for (int i = 0; i < spec.arguments().size(); i++) {
            CommandSpec.Argument argument = spec.arguments().get(i);
            String field = source + ": field `arguments[" + i + "]";
            if (argument == null) {
                problems.add(field + "` is empty");
                continue;
            }
            if (blank(argument.name()) || !ARGUMENT_NAME.matcher(argument.name()).matches()) {
                problems.add(field + ".name` is `" + argument.name() + "`; use a lowercase word");
            } else if (!seen.add(argument.name())) {
                problems.add(field + ".name` `" + argument.name() + "` is declared twice");
            }
            if (!ARGUMENT_TYPES.contains(argument.type())) {
                problems.add(field + ".type` is `" + argument.type() + "`; use one of " + sorted(ARGUMENT_TYPES));
            }
            if ("text".equals(argument.type()) && i != spec.arguments().size() - 1) {
                problems.add(field + "` has type `text` (the rest of the line), so it must be the last argument");
            }
            if (argument.required() && optionalSeen) {
                problems.add(field + "` is required but follows an optional argument; put required arguments first");
            }
            optionalSeen |= !argument.required();
        }
    }

    private static void checkOptions(String source, CommandSpec spec, List<String> problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.options().size(); i++) {
            CommandSpec.Option option = spec.options().get(i);
            String field = source + ": field `options[" + i + "]";
            if (option == null) {
                problems.add(field + "` is empty");
                continue;
            }
            if (blank(option.name()) || !OPTION_NAME.matcher(option.name()).matches()) {
                problems.add(field + ".name` is `" + option.name()
                        + "`; use a lowercase word without the leading dashes, e.g. `dry-run`");
            } else if (!seen.add(option.name())) {
                problems.add(field + ".name` `" + option.name() + "` is declared twice");
            }
            if (!OPTION_TYPES.contains(option.type())) {
                problems.add(field + ".type` is `" + option.type() + "`; use one of " + sorted(OPTION_TYPES));
                continue;
            }
            checkOptionValues(field, option, problems);
        }
    }

    private static void checkOptionValues(String field, CommandSpec.Option option, List<String> problems) {
        boolean flag = "flag".equals(option.type());
        if (flag && option.repeatable()) {
            problems.add(field + ".repeatable` makes no sense for a flag");
        }
        if (flag && !option.values().isEmpty()) {
            problems.add(field + ".values` makes no sense for a flag");
        }
        if (option.values().stream().anyMatch(CommandSpecValidator::blank)) {
            problems.add(field + ".values` has an empty entry");
        }
        String defaultValue = option.defaultValue();
        if (defaultValue == null) {
            return;
        }
        if (flag && !defaultValue.equals("true") && !defaultValue.equals("false")) {
            problems.add(field + ".default` of a flag must be `true` or `false`, not `" + defaultValue + "`");
        }
        if ("integer".equals(option.type()) && !isInteger(defaultValue)) {
            problems.add(field + ".default` must be a whole number, not `" + defaultValue + "`");
        }
        if (!option.values().isEmpty() && !option.values().contains(defaultValue)) {
            problems.add(field + ".default` `" + defaultValue + "` is not one of its `values` " + option.values());
        }
    }

    /**
     * ASCII digits only, within int's range: {@code Integer.parseInt} also takes "٣" (Arabic-Indic three) and
     * "+3", which would let "approve ٣" approve request #3.
     */
    static boolean isInteger(String text) {
        if (text == null || !ASCII_INTEGER.matcher(text).matches()) {
            return false;
        }
        long value = Long.parseLong(text);
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
    }

    private static boolean startsWithWords(String text, String name) {
        return text.equals(name) || text.startsWith(name + " ") || text.startsWith(name + "\n");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String sorted(Set<String> values) {
        return values.stream().sorted().map(v -> "`" + v + "`").toList().toString();
    }
}
