package dev.harbormaster.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineParserTest {

    private final CommandLineParser parser = TestSpecs.parser();

    static Stream<Arguments> readyLines() {
        return Stream.of(
                ready("plain argument", "service payments-api", "service", Map.of("name", "payments-api"), Map.of()),
                ready("alias", "svc payments-api", "service", Map.of("name", "payments-api"), Map.of()),
                ready("command name in any case", "SERVICE Payments-Api", "service", Map.of("name", "Payments-Api"), Map.of()),
                ready("option name in any case, value canonical", "service payments-api --ENV Production", "service",
                        Map.of("name", "payments-api"), Map.of("env", List.of("production"))),
                ready("--opt=value", "service payments-api --env=staging", "service",
                        Map.of("name", "payments-api"), Map.of("env", List.of("staging"))),
                ready("option before argument", "service --env staging payments-api", "service",
                        Map.of("name", "payments-api"), Map.of("env", List.of("staging"))),
                ready("longest word prefix wins", "service edit payments-api --tier 2", "service edit",
                        Map.of("name", "payments-api"), Map.of("tier", List.of("2"))),
                ready("multi-word alias", "addon new payments-api pg", "addon create",
                        Map.of("service", "payments-api", "plan", "pg"), Map.of("env", List.of("staging"))),
                ready("double quotes", "service edit payments-api --description \"Takes card payments\"", "service edit",
                        Map.of("name", "payments-api"), Map.of("description", List.of("Takes card payments"))),
                ready("single quotes keep an apostrophe inside", "service edit payments-api --description 'it's ours'",
                        "service edit", Map.of("name", "payments-api"), Map.of("description", List.of("it's ours"))),
                ready("Slack smart double quotes", "service edit payments-api --description “Takes card payments”",
                        "service edit", Map.of("name", "payments-api"), Map.of("description", List.of("Takes card payments"))),
                ready("Slack smart single quotes", "service edit payments-api --description ‘two words’",
                        "service edit", Map.of("name", "payments-api"), Map.of("description", List.of("two words"))),
                ready("quoted value after =", "service edit payments-api --description=\"a b\"", "service edit",
                        Map.of("name", "payments-api"), Map.of("description", List.of("a b"))),
                ready("backslash escapes a space and a quote", "service edit payments-api --description a\\ \\\"b", "service edit",
                        Map.of("name", "payments-api"), Map.of("description", List.of("a \"b"))),
                ready("apostrophe inside a word is not a quote", "service edit payments-api --description don't",
                        "service edit", Map.of("name", "payments-api"), Map.of("description", List.of("don't"))),
                ready("flag", "register --dry-run kind: Component", "register",
                        Map.of("descriptor", "kind: Component"), Map.of("dry-run", List.of("true"))),
                ready("repeatable option keeps every value in order",
                        "addon create payments-api pg --param version=16 --param storage=20Gi", "addon create",
                        Map.of("service", "payments-api", "plan", "pg"),
                        Map.of("env", List.of("staging"), "param", List.of("version=16", "storage=20Gi"))),
                ready("default filled from the spec", "services", "services", Map.of(), Map.of("limit", List.of("20"))),
                ready("given value replaces the default", "services --limit 5", "services", Map.of(), Map.of("limit", List.of("5"))),
                ready("integer argument", "scale payments-api 3", "scale",
                        Map.of("service", "payments-api", "replicas", "3"), Map.of("env", List.of("staging"))),
                ready("-- ends options, so a value may start with dashes", "scale payments-api --env production -- -1", "scale",
                        Map.of("service", "payments-api", "replicas", "-1"), Map.of("env", List.of("production"))),
                ready("Slack's HTML escaping is undone", "service edit payments-api --description \"a &amp; b &lt;c&gt;\"",
                        "service edit", Map.of("name", "payments-api"), Map.of("description", List.of("a & b <c>"))),
                ready("text argument takes the rest of the line verbatim",
                        "approvals cancel 42 wrong  \"version\" --really", "approvals cancel",
                        Map.of("id", "42", "reason", "wrong  \"version\" --really"), Map.of()),
                ready("text argument keeps newlines and indentation",
                        "register\napiVersion: backstage.io/v1alpha1\nmetadata:\n  name: payments-api\n", "register",
                        Map.of("descriptor", "apiVersion: backstage.io/v1alpha1\nmetadata:\n  name: payments-api"), Map.of()),
                ready("text argument with an unbalanced quote is still taken as typed",
                        "register\nmetadata:\n  description: 'half", "register",
                        Map.of("descriptor", "metadata:\n  description: 'half"), Map.of()),
                ready("text argument that is one quoted string loses the quotes",
                        "approvals cancel 42 \"wrong version\"", "approvals cancel",
                        Map.of("id", "42", "reason", "wrong version"), Map.of()),
                ready("optional text argument left out", "approvals cancel 42", "approvals cancel", Map.of("id", "42"), Map.of()),
                ready("help with a multi-word command", "help service edit", "help", Map.of("command", "service edit"), Map.of()),
                ready("empty line is help", "", "help", Map.of(), Map.of()),
                ready("blank line is help", "  \n ", "help", Map.of(), Map.of()),
                ready("--help opens the command's help", "scale --help", "help", Map.of("command", "scale"), Map.of()),
                ready("newlines separate words like spaces", "service\npayments-api", "service",
                        Map.of("name", "payments-api"), Map.of()),
                ready("a word longer than every command name after one is its argument",
                        "SERVICE " + "P".repeat(40_000), "service", Map.of("name", "P".repeat(40_000)), Map.of()));
    }

    private static Arguments ready(String why, String line, String spec, Map<String, String> arguments,
                                   Map<String, List<String>> options) {
        return Arguments.of(why, line, spec, arguments, options);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("readyLines")
    void parsesValidLines(String why, String line, String spec, Map<String, String> arguments,
                          Map<String, List<String>> options) {
        CommandLine parsed = parser.parse(line);
        CommandLine.Ready ready = assertInstanceOf(CommandLine.Ready.class, parsed, () -> "expected Ready, got " + parsed);
        assertAll(
                () -> assertEquals(spec, ready.spec().name()),
                () -> assertEquals(arguments, ready.arguments()),
                () -> assertEquals(options, ready.options()));
    }

    static Stream<Arguments> invalidLines() {
        return Stream.of(
                invalid("unknown command with a suggestion", "servces", null,
                        "`/platform servces` is not a command.", "Did you mean `services`", "`/platform help`"),
                invalid("first word of a multi-word command alone", "approvals", null,
                        "`/platform approvals` needs one more word", "`/platform approvals cancel`"),
                invalid("unknown option with a suggestion and the valid ones", "services --tema payments", "services",
                        "`--tema` is not an option of `/platform services`", "Did you mean `--team`?", "`--limit`",
                        "Usage: `/platform services [--team &lt;team&gt;] [--limit &lt;number&gt;]`",
                        "`/platform help services`"),
                invalid("option on a command that takes none", "team payments --env staging", "team",
                        "takes no options"),
                invalid("missing required argument named", "service", "service", "Missing `&lt;name&gt;`: The service name"),
                invalid("every missing argument named", "addon create", "addon create",
                        "Missing `&lt;service&gt;`", "Missing `&lt;plan&gt;`"),
                invalid("too many arguments", "team payments platform", "team",
                        "takes at most 1 (`&lt;name&gt;`), so `platform` is one too many", "in quotes"),
                invalid("too many arguments to a command that takes none", "services payments", "services",
                        "takes no arguments"),
                invalid("integer option", "services --limit lots", "services", "`--limit` must be a whole number, not `lots`"),
                invalid("integer argument", "scale payments-api three", "scale", "`&lt;replicas&gt;` must be a whole number"),
                invalid("value outside the allowed ones", "service payments-api --env prod", "service",
                        "`--env` must be one of `staging`, `production`, not `prod`", "Did you mean `production`?"),
                invalid("option without its value", "service payments-api --env", "service",
                        "`--env` needs a value: `--env &lt;value&gt;`"),
                invalid("option followed by another option", "services --team --limit 3", "services", "`--team` needs a value"),
                invalid("non-repeatable option twice", "services --limit 1 --limit 2", "services", "given more than once"),
                invalid("flag with a value", "register --dry-run=maybe x", "register", "`--dry-run` is a flag"),
                invalid("unclosed quote", "service edit payments-api --description \"half", "service edit",
                        "never closed", "`\"half`", "backslash"),
                invalid("unclosed smart quote", "service edit payments-api --description “half", "service edit",
                        "never closed"),
                invalid("user input is escaped", "service <!channel> &amp; more", "service",
                        "`&amp;` is one too many"),
                invalid("echoed input is escaped and cut", "xx<@U123>" + "y".repeat(300), null,
                        "`/platform xx&lt;@U123&gt;yyy", "…`"),
                invalid("an option first", "--verbose", null, "Start with a command", "`/platform help`"),
                invalid("a first word longer than every command name", "services" + "s".repeat(40_000) + " payments", null,
                        "`/platform servicessss", "…` is not a command."),
                invalid("a misspelt subcommand is not an extra argument", "service edti payments-api --tier 2", "service",
                        "`/platform service edti` is not a command. Did you mean `/platform service edit`?"),
                invalid("a quoted first word", "\"service\" payments-api", null, "Start with a command"),
                invalid("a digit from another script is not a number", "scale payments-api \u0663", "scale",
                        "`&lt;replicas&gt;` must be a whole number, not `\u0663`"),
                invalid("a plus sign is not part of a number", "scale payments-api +3", "scale", "must be a whole number"),
                invalid("a number beyond the integer range", "services --limit 2147483648", "services",
                        "`--limit` must be a whole number, not `2147483648`"),
                invalid("a NUL byte in a name", "service payments\u0000api", "service",
                        "invisible control character (U+0000) after `service payments`"),
                invalid("an escape character before the command", "\u001b[31mservices", null,
                        "control character (U+001B) at its start"));
    }

    private static Arguments invalid(String why, String line, String spec, String... fragments) {
        return Arguments.of(why, line, spec, List.of(fragments));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidLines")
    void explainsInvalidLines(String why, String line, String spec, List<String> fragments) {
        CommandLine parsed = parser.parse(line);
        CommandLine.Invalid invalid = assertInstanceOf(CommandLine.Invalid.class, parsed, () -> "expected Invalid, got " + parsed);
        if (spec == null) {
            assertNull(invalid.spec());
        } else {
            assertEquals(spec, invalid.spec().name());
            assertTrue(invalid.message().contains("Usage: `/platform "), invalid.message());
        }
        for (String fragment : fragments) {
            assertTrue(invalid.message().contains(fragment), () -> "missing «" + fragment + "» in:\n" + invalid.message());
        }
    }

    @Test
    void invalidMessagesNeverLetUserInputBecomeSlackMarkup() {
        CommandLine.Invalid invalid = (CommandLine.Invalid) parser.parse("team a <!here> <@UALICE>");
        assertTrue(!invalid.message().contains("<!here>") && !invalid.message().contains("<@UALICE>"), invalid.message());
    }

    @Test
    void invalidUsageLinesAreOneLineEach() {
        CommandLine.Invalid invalid = (CommandLine.Invalid) parser.parse("addon create");
        assertEquals(List.of(
                "Missing `&lt;service&gt;`: The service the add-on is for",
                "Missing `&lt;plan&gt;`: The broker plan, e.g. postgres-small",
                "Usage: `/platform addon create &lt;service&gt; &lt;plan&gt; [--env &lt;env&gt;] [--param &lt;key=value&gt;]... [--dry-run]`",
                "Type `/platform help addon create` for arguments, options and examples."),
                invalid.message().lines().toList());
    }
}
