package dev.harbormaster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harbormaster.command.CommandRegistry;
import dev.harbormaster.command.CommandSpec;
import dev.harbormaster.testing.BlockKitAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command, fed what people paste (a 40 kB line, thousands of words, mentions, markup), through the sandbox and
 * its real signed requests: every answer stays within Block Kit's limits (the sandbox refuses what Slack refuses)
 * and echoes at most a short prefix of what was typed.
 */
@QuarkusTest
class BlockKitLimitsTest {

    /** How much of one typed word an answer may show back: longer than any name, far shorter than a paste. */
    private static final int ECHO_LIMIT = 260;

    @Inject
    CommandRegistry registry;

    private final ObjectMapper json = new ObjectMapper();
    private final Random random = new Random(20261202L);

    @Test
    void everyCommandAnswersHugeAndHostileInputWithinSlacksLimits() throws Exception {
        List<String> lines = new ArrayList<>();
        for (CommandSpec spec : registry.specs()) {
            for (int variant = 0; variant < 4; variant++) {
                String line = line(spec, variant);
                lines.add(line);
                if (spec.action()) {
                    lines.add("policy check " + line);
                }
            }
        }
        lines.add("services --query " + marker(40_000));
        lines.add(IntStream.range(0, 3000).mapToObj(i -> "word" + i).collect(Collectors.joining(" ")));
        List<String> problems = new ArrayList<>();
        for (String line : lines) {
            try {
                check(line);
            } catch (AssertionError problem) {
                problems.add(problem.getMessage());
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " of " + lines.size() + " answers would not do:\n" + String.join("\n\n", problems));
    }

    private void check(String line) throws Exception {
        {
            RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
            String user = line.startsWith("catalog import") ? "carol" : "alice";
            JsonNode result = json.readTree(RestAssured.given().contentType("application/json")
                    .body(Map.of("user", user, "channel", "payments", "text", line))
                    .post("/sandbox/command").then().statusCode(200).extract().asString());
            String context = "`" + abbreviated(line) + "`";
            assertFalse(result.has("error"), "the sandbox refused the answer as Slack would, for " + context + ": " + result);
            JsonNode ack = result.path("ack");
            if (ack.isObject()) {
                BlockKitAssertions.assertWithinLimits(ack, 50, context);
                assertShortEcho(ack.toString(), context);
            }
            if (ack.path("text").asText("").contains("Working on")) {
                JsonNode answer = waitFor("the answer to " + context, () -> answerFor(user));
                BlockKitAssertions.assertWithinLimits(answer, 50, context);
                assertShortEcho(answer.toString(), context);
            }
        }
    }

    /** The deferred answer, once it reached the channel (the sandbox checked it as Slack would). */
    private JsonNode answerFor(String user) {
        try {
            JsonNode messages = json.readTree(RestAssured.get("/sandbox/messages?channel=payments&user=" + user).asString());
            for (JsonNode message : messages) {
                if (!message.path("text").asText().contains("Working on")) {
                    return message;
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A line for {@code spec}: variant 0 valid names with a huge reason, 1 every value huge, 2 markup, 3 many words. */
    private String line(CommandSpec spec, int variant) {
        StringBuilder line = new StringBuilder(spec.name());
        for (CommandSpec.Argument argument : spec.arguments()) {
            line.append(' ').append(value(argument.type(), variant));
        }
        for (CommandSpec.Option option : spec.options()) {
            if (!"flag".equals(option.type())) {
                line.append(" --").append(option.name()).append(' ').append(value(option.type(), variant));
            }
        }
        return line.toString();
    }

    private String value(String type, int variant) {
        return switch (variant) {
            case 0 -> switch (type) {
                case "service" -> "payments-api";
                case "team" -> "platform";
                case "integer" -> "3";
                default -> "\"" + marker(5_000) + "\"";
            };
            case 1 -> marker(40_000);
            case 2 -> "<!channel> <@UBOB> <!subteam^S1> <https://evil.example|click> *bold* `code` &amp;";
            default -> IntStream.range(0, 500).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        };
    }

    /** A word nobody would type, long enough to show whether an answer repeats all of it. */
    private String marker(int length) {
        StringBuilder word = new StringBuilder("Q");
        while (word.length() < length) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private static void assertShortEcho(String answer, String context) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < answer.length(); i++) {
            char c = answer.charAt(i);
            run = c >= 'a' && c <= 'z' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String shown = answer.replaceAll("[a-z]{" + ECHO_LIMIT + ",}", "…");
        assertTrue(longest <= ECHO_LIMIT, "the answer repeats " + longest + " characters of what was typed, for " + context
                + ": " + shown.substring(0, Math.min(600, shown.length())));
    }

    private static String abbreviated(String line) {
        return line.length() <= 120 ? line : line.substring(0, 120) + "… (" + line.length() + " characters)";
    }
}
