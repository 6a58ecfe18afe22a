package dev.harbormaster.command;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parts of the README and of the Slack app manifest that describe the commands, generated from the
 * specs so they cannot drift: {@code CommandDocsTest} fails when the committed files differ from what
 * this renders, and rewrites them when run with {@code -Dharbormaster.docs.write=true}.
 */
public final class CommandDocs {

    public static final String README_START = "<!-- commands:start -->";
    public static final String README_END = "<!-- commands:end -->";
    /** Slack's limits for a slash command in the app manifest. */
    static final int USAGE_HINT_LIMIT = 1000;
    static final int DESCRIPTION_LIMIT = 2000;

    private static final Pattern SLASH_COMMAND_FIELDS = Pattern.compile(
            "(?m)^([ \\t]*description: )[^\\n]*(\\n[ \\t]*usage_hint: )[^\\n]*$");

    private CommandDocs() {
    }

    /** The README command table: usage, what it does, an example, and whether it changes the platform. */
    public static String readmeTable(List<CommandSpec> specs, String slashCommand) {
        StringBuilder table = new StringBuilder()
                .append("Generated from `commands/*.yaml`; `").append(slashCommand)
                .append(" help <command>` shows the arguments and options of each.\n\n")
                .append("| Command | What it does | Example | Changes the platform |\n")
                .append("| --- | --- | --- | --- |\n");
        for (CommandSpec spec : sorted(specs)) {
            String example = spec.examples().isEmpty() ? "" : code(slashCommand + " " + firstLine(spec.examples().get(0)));
            table.append("| ").append(code(slashCommand + " " + spec.usage()))
                    .append(" | ").append(cell(spec.summary()))
                    .append(" | ").append(example)
                    .append(" | ").append(spec.action() ? "yes, may need approval" : "no")
                    .append(" |\n");
        }
        return table.toString();
    }

    /** The manifest's {@code usage_hint}: every command name, so Slack's autocomplete shows what exists. */
    public static String usageHint(List<CommandSpec> specs) {
        return limit(sorted(specs).stream().map(CommandSpec::name).collect(Collectors.joining(" | ")), USAGE_HINT_LIMIT);
    }

    /** The manifest's slash command {@code description}. */
    public static String description(List<CommandSpec> specs, String slashCommand) {
        long actions = specs.stream().filter(CommandSpec::action).count();
        return limit("Platform self-service: " + specs.size() + (specs.size() == 1 ? " command" : " commands")
                + ", " + actions + " of which change the platform. Start with " + slashCommand + " help", DESCRIPTION_LIMIT);
    }

    /** The README with the region between the markers replaced by {@code table}. */
    public static String withReadmeTable(String readme, String table) {
        int start = readme.indexOf(README_START);
        int end = readme.indexOf(README_END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("the README has no " + README_START + " … " + README_END + " region");
        }
        return readme.substring(0, start + README_START.length()) + "\n" + table + readme.substring(end);
    }

    /** The manifest with the slash command's {@code description} and {@code usage_hint} lines replaced. */
    public static String withSlashCommand(String manifest, String description, String usageHint) {
        Matcher fields = SLASH_COMMAND_FIELDS.matcher(manifest);
        if (!fields.find()) {
            throw new IllegalArgumentException("the manifest has no slash command `description:` line followed by `usage_hint:`");
        }
        String replacement = fields.group(1) + yamlString(description) + fields.group(2) + yamlString(usageHint);
        return manifest.substring(0, fields.start()) + replacement + manifest.substring(fields.end());
    }

    private static List<CommandSpec> sorted(List<CommandSpec> specs) {
        return specs.stream().sorted(Comparator.comparing(CommandSpec::name)).toList();
    }

    private static String code(String text) {
        return "`" + cell(text).replace("`", "'") + "`";
    }

    private static String cell(String text) {
        return text.strip().replaceAll("\\s+", " ").replace("|", "\\|");
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline) + " …";
    }

    private static String yamlString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
