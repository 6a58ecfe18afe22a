package dev.harbormaster.command;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

/**
 * The help messages, generated from the specs alone: adding a {@code commands/*.yaml} file is enough for
 * it to show up here. Spec text goes through {@link Mrkdwn#escape} because usages hold {@code <name>}.
 */
public final class HelpMessages {

    /** Slack rejects a section whose text is longer than this. */
    static final int SECTION_LIMIT = 3000;
    /** Slack rejects a header longer than this. */
    static final int HEADER_LIMIT = 150;

    private final String slashCommand;

    public HelpMessages(String slashCommand) {
        this.slashCommand = slashCommand;
    }

    /** {@code /platform help}: every command with its usage and summary, lookups first, then changes. */
    public CommandReply overview(Collection<CommandSpec> specs) {
        List<CommandSpec> sorted = specs.stream().sorted(Comparator.comparing(CommandSpec::name)).toList();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Harbormaster commands"))));
        addGroup(blocks, "*Look things up*", sorted.stream().filter(spec -> !spec.action()).toList());
        addGroup(blocks, "*Change the platform* (may need approval)", sorted.stream().filter(CommandSpec::action).toList());
        String example = sorted.stream().filter(spec -> !spec.name().equals(CommandLineParser.HELP))
                .map(CommandSpec::name).findFirst().orElse(CommandLineParser.HELP);
        blocks.add(context(c -> c.elements(List.of(markdownText("Type " + Mrkdwn.code(slashCommand + " help <command>")
                + " for its arguments, options and examples, e.g. " + Mrkdwn.code(slashCommand + " help " + example) + ".")))));
        String text = "Harbormaster commands: " + sorted.stream().map(CommandSpec::name).collect(Collectors.joining(", "))
                + ". Type " + slashCommand + " help <command> for details.";
        return CommandReply.ephemeral(Mrkdwn.escape(text), blocks);
    }

    /** {@code /platform help <command>}: everything the spec says about one command. */
    public CommandReply details(CommandSpec spec) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String title = cut(slashCommand + " " + spec.name(), HEADER_LIMIT);
        blocks.add(header(h -> h.text(plainText(title))));
        addSection(blocks, Mrkdwn.escape(spec.summary().strip()) + "\n" + Mrkdwn.code(slashCommand + " " + spec.usage()));
        if (!spec.arguments().isEmpty()) {
            addLines(blocks, "*Arguments*", spec.arguments().stream().map(HelpMessages::argumentLine).toList());
        }
        if (!spec.options().isEmpty()) {
            addLines(blocks, "*Options*", spec.options().stream().map(HelpMessages::optionLine).toList());
        }
        if (!spec.examples().isEmpty()) {
            String examples = spec.examples().stream().map(example -> slashCommand + " " + example.strip())
                    .collect(Collectors.joining("\n"));
            addSection(blocks, "*Examples*\n```" + Mrkdwn.escape(examples) + "```");
        }
        List<String> notes = new ArrayList<>();
        if (!spec.aliases().isEmpty()) {
            notes.add("Also typed as " + spec.aliases().stream().map(alias -> Mrkdwn.code(slashCommand + " " + alias))
                    .collect(Collectors.joining(", ")) + ".");
        }
        if (spec.action()) {
            notes.add(":lock: This command changes the platform: it may need approval before it runs.");
        }
        if (!notes.isEmpty()) {
            blocks.add(context(c -> c.elements(notes.stream().map(note -> (ContextBlockElement) markdownText(note)).toList())));
        }
        String text = Mrkdwn.escape(slashCommand + " " + spec.usage() + " — " + spec.summary().strip());
        return CommandReply.ephemeral(text, blocks);
    }

    /** {@code /platform help <something unknown>}: what was typed, what it might have been, and the way out. */
    public CommandReply unknown(String typed, Collection<String> invocations) {
        String suggestion = Suggestions.didYouMean(typed, invocations);
        String text = Mrkdwn.echo(typed) + " is not a command." + (suggestion.isEmpty() ? "" : " " + suggestion)
                + " Type " + Mrkdwn.code(slashCommand + " help") + " for the list.";
        return CommandReply.ephemeral(text);
    }

    private void addGroup(List<LayoutBlock> blocks, String title, List<CommandSpec> specs) {
        if (specs.isEmpty()) {
            return;
        }
        addLines(blocks, title, specs.stream()
                .map(spec -> Mrkdwn.code(slashCommand + " " + spec.usage()) + " — " + Mrkdwn.escape(spec.summary().strip()))
                .toList());
    }

    private static String argumentLine(CommandSpec.Argument argument) {
        StringBuilder line = new StringBuilder("• ").append(Mrkdwn.code("<" + argument.name() + ">"))
                .append(argument.required() ? " _required_" : " _optional_");
        String kind = switch (argument.type()) {
            case "integer" -> "a whole number";
            case "service" -> "a service name";
            case "team" -> "a team name";
            case "text" -> "the rest of the line, several lines allowed";
            default -> "";
        };
        if (!kind.isEmpty()) {
            line.append(" (").append(kind).append(')');
        }
        if (argument.description() != null && !argument.description().isBlank()) {
            line.append(" — ").append(Mrkdwn.escape(argument.description().strip()));
        }
        return line.toString();
    }

    private static String optionLine(CommandSpec.Option option) {
        String usage = "--" + option.name() + ("flag".equals(option.type()) ? "" : " <" + CommandLineParser.valueName(option) + ">");
        StringBuilder line = new StringBuilder("• ").append(Mrkdwn.code(usage));
        if (option.description() != null && !option.description().isBlank()) {
            line.append(" — ").append(sentence(option.description()));
        }
        if (!option.values().isEmpty()) {
            line.append(" One of ").append(option.values().stream().map(Mrkdwn::code).collect(Collectors.joining(", "))).append('.');
        }
        if (option.defaultValue() != null) {
            line.append(" Default: ").append(Mrkdwn.code(option.defaultValue())).append('.');
        }
        if (option.repeatable()) {
            line.append(" May be given more than once.");
        }
        return line.toString();
    }

    private static String sentence(String description) {
        String text = Mrkdwn.escape(description.strip());
        return text.matches(".*[.!?:]$") ? text : text + ".";
    }

    /**
     * A titled list, split over several sections when it would not fit in one. Only the first section carries the
     * title: a reader sees one group continue, not the same heading twice.
     */
    private static void addLines(List<LayoutBlock> blocks, String title, List<String> lines) {
        StringBuilder text = new StringBuilder(title);
        for (String line : lines) {
            String entry = cut(line, SECTION_LIMIT - title.length() - 1);
            if (text.length() + 1 + entry.length() > SECTION_LIMIT) {
                addSection(blocks, text.toString());
                text = new StringBuilder();
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(entry);
        }
        addSection(blocks, text.toString());
    }

    private static void addSection(List<LayoutBlock> blocks, String mrkdwn) {
        String text = cut(mrkdwn, SECTION_LIMIT);
        blocks.add(section(s -> s.text(markdownText(text))));
    }

    private static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
