package dev.harbormaster.command;

import dev.harbormaster.command.CommandTokenizer.Token;
import dev.harbormaster.command.CommandTokenizer.UnclosedQuoteException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns the text after the slash command into a {@link CommandLine}, checked against the specs. Pure: no
 * CDI, no Slack types. Every {@link CommandLine.Invalid} message is mrkdwn that shows the usage and points
 * at {@code help}, so a user can fix the line without asking anyone.
 */
public final class CommandLineParser {

    /** The command an empty line runs, and which {@code --help} opens. */
    public static final String HELP = "help";

    private final CommandIndex index;
    private final String slashCommand;

    public CommandLineParser(CommandIndex index, String slashCommand) {
        this.index = index;
        this.slashCommand = slashCommand;
    }

    public CommandLine parse(String slackText) {
        String text = Mrkdwn.unescape(slackText == null ? "" : slackText);
        if (text.isBlank()) {
            return index.exact(HELP)
                    .<CommandLine>map(help -> new CommandLine.Ready(help, Map.of(), defaults(help, Map.of())))
                    .orElseGet(() -> new CommandLine.Invalid(null, "Type a command after `" + slashCommand + "`."
                            + helpHint(null)));
        }
        CommandTokenizer tokens = new CommandTokenizer(text);
        List<String> words = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        Optional<Token> first = Optional.empty();
        try {
            while (words.size() < index.longestName()) {
                Optional<Token> token = tokens.next();
                if (words.isEmpty()) {
                    first = token;
                }
                if (token.isEmpty() || !token.get().plain() || token.get().value().startsWith("-")) {
                    break;
                }
                words.add(token.get().value());
                ends.add(tokens.position());
            }
        } catch (UnclosedQuoteException e) {
            if (words.isEmpty()) {
                return unclosedQuote(null, text, e);
            }
        }
        int control = firstControlCharacter(text);
        if (control >= 0) {
            CommandSpec spec = words.isEmpty() ? null
                    : index.longestPrefix(words).map(CommandIndex.Match::spec).orElse(null);
            return invalid(spec, "Your command has an invisible control character ("
                    + String.format("U+%04X", (int) text.charAt(control)) + ") "
                    + (control == 0 ? "at its start" : "after " + Mrkdwn.echo(text.substring(0, control)))
                    + ". Type it again without it.");
        }
        if (words.isEmpty()) {
            if (first.isPresent() && first.get().plain() && first.get().value().equalsIgnoreCase("--help")) {
                return parse("");
            }
            return new CommandLine.Invalid(null, "Start with a command, e.g. `" + slashCommand + " help`; "
                    + Mrkdwn.echo(first.map(Token::value).orElse(text)) + " is not one." + helpHint(null));
        }
        Optional<CommandIndex.Match> match = index.longestPrefix(words);
        if (match.isEmpty()) {
            return unknownCommand(words);
        }
        CommandSpec spec = match.get().spec();
        tokens.seek(ends.get(match.get().words() - 1));
        return new SpecLine(spec, text, tokens).parse();
    }

    /** Line breaks and tabs are text; any other control character (NUL, escape, …) is a paste gone wrong. */
    private static int firstControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
        }
        return -1;
    }

    private CommandLine unknownCommand(List<String> words) {
        for (int n = words.size(); n >= 1; n--) {
            List<String> longer = index.namesStartingWith(words.subList(0, n));
            if (!longer.isEmpty()) {
                String typed = slashCommand + " " + String.join(" ", words.subList(0, n));
                return new CommandLine.Invalid(null, Mrkdwn.echo(typed) + " needs one more word: "
                        + longer.stream().map(name -> Mrkdwn.code(slashCommand + " " + name))
                        .collect(Collectors.joining(", ")) + "." + helpHint(null));
            }
        }
        String typed = words.get(0);
        String suggestion = Suggestions.didYouMean(typed, index.invocations());
        return new CommandLine.Invalid(null, Mrkdwn.echo(slashCommand + " " + typed) + " is not a command."
                + (suggestion.isEmpty() ? "" : " " + suggestion) + helpHint(null));
    }

    private CommandLine.Invalid unclosedQuote(CommandSpec spec, String text, UnclosedQuoteException e) {
        return invalid(spec, "There is a quote " + Mrkdwn.code(String.valueOf(e.quote)) + " that is never closed, in "
                + Mrkdwn.echo(text.substring(e.at)) + ". Close it, or put a backslash before a quote you mean"
                + " literally (`\\\"`).");
    }

    private CommandLine.Invalid invalid(CommandSpec spec, String problem) {
        if (spec == null) {
            return new CommandLine.Invalid(null, problem + helpHint(null));
        }
        return new CommandLine.Invalid(spec, problem + "\nUsage: " + Mrkdwn.code(slashCommand + " " + spec.usage())
                + helpHint(spec));
    }

    private String helpHint(CommandSpec spec) {
        if (spec == null) {
            return "\nType `" + slashCommand + " help` for the list of commands.";
        }
        return "\nType " + Mrkdwn.code(slashCommand + " help " + spec.name()) + " for arguments, options and examples.";
    }

    /** The options given, plus the spec's default for each one that was not; every list read-only. */
    private static Map<String, List<String>> defaults(CommandSpec spec, Map<String, List<String>> given) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        given.forEach((name, values) -> options.put(name, List.copyOf(values)));
        for (CommandSpec.Option option : spec.options()) {
            if (!options.containsKey(option.name()) && option.defaultValue() != null) {
                options.put(option.name(), List.of(option.defaultValue()));
            }
        }
        return options;
    }

    /** The words after a matched command name, checked against its spec. */
    private final class SpecLine {
        private final CommandSpec spec;
        private final String text;
        private final CommandTokenizer tokens;
        private final Map<String, String> arguments = new LinkedHashMap<>();
        private final Map<String, List<String>> options = new LinkedHashMap<>();
        private boolean optionsEnded;

        SpecLine(CommandSpec spec, String text, CommandTokenizer tokens) {
            this.spec = spec;
            this.text = text;
            this.tokens = tokens;
        }

        CommandLine parse() {
            try {
                while (true) {
                    CommandSpec.Argument next = arguments.size() < spec.arguments().size()
                            ? spec.arguments().get(arguments.size()) : null;
                    if (next != null && "text".equals(next.type()) && !optionAhead()) {
                        String rest = restAsText();
                        if (!rest.isEmpty()) {
                            arguments.put(next.name(), rest);
                        }
                        break;
                    }
                    Optional<Token> token = tokens.next();
                    if (token.isEmpty()) {
                        break;
                    }
                    Token word = token.get();
                    String problem;
                    if (!optionsEnded && word.plain() && word.value().equals("--")) {
                        optionsEnded = true;
                        problem = null;
                    } else if (!optionsEnded && word.plain() && word.value().startsWith("--")) {
                        if (word.value().equalsIgnoreCase("--help") && spec.options().stream()
                                .noneMatch(option -> option.name().equals("help"))) {
                            return helpFor(spec);
                        }
                        problem = option(word.value().substring(2));
                    } else {
                        problem = argument(next, word.value());
                    }
                    if (problem != null) {
                        return invalid(spec, problem);
                    }
                }
            } catch (UnclosedQuoteException e) {
                return unclosedQuote(spec, text, e);
            }
            List<String> missing = spec.arguments().stream()
                    .filter(argument -> argument.required() && !arguments.containsKey(argument.name()))
                    .map(argument -> "Missing " + Mrkdwn.code("<" + argument.name() + ">")
                            + (argument.description() == null ? "" : ": " + Mrkdwn.escape(argument.description().strip())))
                    .toList();
            if (!missing.isEmpty()) {
                return invalid(spec, String.join("\n", missing));
            }
            return new CommandLine.Ready(spec, arguments, defaults(spec, options));
        }

        private CommandLine helpFor(CommandSpec target) {
            return index.exact(HELP)
                    .filter(help -> !help.arguments().isEmpty())
                    .<CommandLine>map(help -> new CommandLine.Ready(help,
                            Map.of(help.arguments().get(0).name(), target.name()), defaults(help, Map.of())))
                    .orElseGet(() -> invalid(target, "Here is how to use it."));
        }

        /** True when the next word is an option, which still belongs to the command and not to the text. */
        private boolean optionAhead() {
            if (optionsEnded) {
                return false;
            }
            int mark = tokens.position();
            try {
                return tokens.next().filter(t -> t.plain() && t.value().startsWith("--")).isPresent();
            } catch (UnclosedQuoteException e) {
                return false;
            } finally {
                tokens.seek(mark);
            }
        }

        /** The rest of the line verbatim, unless it is exactly one quoted string: then what is inside. */
        private String restAsText() {
            int mark = tokens.position();
            try {
                Optional<Token> only = tokens.next();
                if (only.isPresent() && !only.get().plain() && tokens.atEnd()) {
                    return only.get().value();
                }
            } catch (UnclosedQuoteException e) {
                // Not a quoted string: the text is taken exactly as typed below.
            }
            tokens.seek(mark);
            return tokens.rest();
        }

        private String argument(CommandSpec.Argument argument, String value) {
            if (argument == null) {
                String misspelt = misspeltSubcommand();
                if (misspelt != null) {
                    return misspelt;
                }
                String takes = spec.arguments().isEmpty() ? "no arguments"
                        : "at most " + spec.arguments().size() + " (" + spec.arguments().stream()
                        .map(a -> Mrkdwn.code("<" + a.name() + ">")).collect(Collectors.joining(", ")) + ")";
                return Mrkdwn.code(slashCommand + " " + spec.name()) + " takes " + takes + ", so "
                        + Mrkdwn.echo(value) + " is one too many. Put a value with spaces in quotes: `\"two words\"`.";
            }
            if ("integer".equals(argument.type()) && !CommandSpecValidator.isInteger(value)) {
                return Mrkdwn.code("<" + argument.name() + ">") + " must be a whole number, not " + Mrkdwn.echo(value) + ".";
            }
            arguments.put(argument.name(), value);
            return null;
        }

        /**
         * "service transfr payments-api team" parses as {@code service} with one argument too many; when the first
         * argument is a typo of a longer command's next word, that command is what the user meant.
         */
        private String misspeltSubcommand() {
            if (spec.arguments().isEmpty()) {
                return null;
            }
            String first = arguments.get(spec.arguments().get(0).name());
            List<String> nextWords = index.namesStartingWith(List.of(spec.name().split(" "))).stream()
                    .map(longer -> longer.substring(spec.name().length() + 1)).toList();
            List<String> close = first == null ? List.of() : Suggestions.closest(first, nextWords, 3);
            if (close.isEmpty()) {
                return null;
            }
            return Mrkdwn.echo(slashCommand + " " + spec.name() + " " + first) + " is not a command. Did you mean "
                    + close.stream().map(word -> Mrkdwn.code(slashCommand + " " + spec.name() + " " + word))
                    .collect(Collectors.joining(" or ")) + "?";
        }

        private String option(String typed) throws UnclosedQuoteException {
            int equals = typed.indexOf('=');
            String name = (equals < 0 ? typed : typed.substring(0, equals)).toLowerCase(Locale.ROOT);
            Optional<CommandSpec.Option> found = spec.options().stream()
                    .filter(option -> option.name().equals(name)).findFirst();
            if (found.isEmpty()) {
                return unknownOption(name);
            }
            CommandSpec.Option option = found.get();
            String shown = "--" + option.name();
            String value;
            if ("flag".equals(option.type())) {
                value = equals < 0 ? "true" : typed.substring(equals + 1).toLowerCase(Locale.ROOT);
                if (!value.equals("true") && !value.equals("false")) {
                    return Mrkdwn.code(shown) + " is a flag: give it alone (" + Mrkdwn.code(shown) + ") or leave it out.";
                }
            } else if (equals >= 0) {
                value = typed.substring(equals + 1);
            } else {
                int mark = tokens.position();
                Optional<Token> next = tokens.next();
                if (next.isEmpty() || next.get().plain() && next.get().value().startsWith("--")) {
                    tokens.seek(mark);
                    return Mrkdwn.code(shown) + " needs a value: " + Mrkdwn.code(shown + " <" + valueName(option) + ">") + ".";
                }
                value = next.get().value();
            }
            if ("integer".equals(option.type()) && !CommandSpecValidator.isInteger(value)) {
                return Mrkdwn.code(shown) + " must be a whole number, not " + Mrkdwn.echo(value) + ".";
            }
            if (!option.values().isEmpty()) {
                Optional<String> allowed = option.values().stream().filter(v -> v.equalsIgnoreCase(value)).findFirst();
                if (allowed.isEmpty()) {
                    String suggestion = Suggestions.didYouMean(value, option.values());
                    return Mrkdwn.code(shown) + " must be one of " + listed(option.values()) + ", not "
                            + Mrkdwn.echo(value) + "." + (suggestion.isEmpty() ? "" : " " + suggestion);
                }
                return add(option, allowed.get());
            }
            return add(option, value);
        }

        private String add(CommandSpec.Option option, String value) {
            List<String> values = options.computeIfAbsent(option.name(), key -> new ArrayList<>());
            if (!values.isEmpty() && !option.repeatable() && !"flag".equals(option.type())) {
                return Mrkdwn.code("--" + option.name()) + " was given more than once; give it once.";
            }
            if ("flag".equals(option.type())) {
                values.clear();
            }
            values.add(value);
            return null;
        }

        private String unknownOption(String name) {
            String shown = Mrkdwn.echo("--" + name);
            if (spec.options().isEmpty()) {
                return shown + " is not an option: " + Mrkdwn.code(slashCommand + " " + spec.name())
                        + " takes no options.";
            }
            List<String> valid = spec.options().stream().map(option -> "--" + option.name()).toList();
            String suggestion = Suggestions.didYouMean("--" + name, valid);
            return shown + " is not an option of " + Mrkdwn.code(slashCommand + " " + spec.name()) + "."
                    + (suggestion.isEmpty() ? "" : " " + suggestion) + " Its options: " + listed(valid) + ".";
        }
    }

    static String valueName(CommandSpec.Option option) {
        return switch (option.type()) {
            case "integer" -> "number";
            case "service", "team" -> option.type();
            default -> "value";
        };
    }

    private static String listed(List<String> values) {
        return values.stream().map(Mrkdwn::code).collect(Collectors.joining(", "));
    }
}
