package dev.harbormaster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harbormaster.testing.BlockKitAssertions;
import dev.harbormaster.testing.SignedSlackRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thousand random command lines, each a real signed request over HTTP: none may end in a 5xx or an
 * internal error, and every one gets an answer the user can act on.
 */
@QuarkusTest
class RandomCommandLinesTest {

    private static final List<String> WORDS = List.of("help", "service", "services", "team", "teams", "owner",
            "register", "edit", "catalog", "import", "payments-api", "paymnts-api", "payments", "platform",
            "--team", "--tier", "--query", "--page", "--team=payments", "--tier=1", "--tier=x", "--page=0", "-x",
            "--", "\"quoted words\"", "'single", "“smart quotes”", "&lt;script&gt;", "<@UALICE>", "0", "-1",
            "999999999999", "ünïcödé", "🚀", "\\", "=", "--nope", "DROP TABLE services;", "%s%n", "${jndi:x}",
            "x".repeat(5000), "<!channel>");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyRandomLineGetsAHelpfulAnswerAndNoServerError() throws Exception {
        Random random = new Random(20261124L);
        for (int i = 0; i < 1000; i++) {
            String line = randomLine(random);
            Response response = SignedSlackRequest.command("UALICE", "CPAYMENTS", line);
            String context = "line #" + i + ": [" + line + "] → " + response.statusCode() + " " + response.body().asString();
            assertEquals(200, response.statusCode(), context);
            String body = response.body().asString();
            if (body.isEmpty()) {
                // an empty ack is only right for a command that opened a modal
                assertTrue(line.trim().startsWith("register") || line.trim().startsWith("catalog import")
                        || line.trim().startsWith("service edit"), context);
                continue;
            }
            JsonNode answer = json.readTree(body);
            BlockKitAssertions.assertWithinLimits(answer, 50, context);
            String text = answer.path("text").asText("") + answer.path("blocks").toString();
            assertFalse(text.isBlank(), context);
            assertFalse(text.contains("Something went wrong"), context);
            assertFalse(text.contains("Exception") || text.contains("\tat "), context);
        }
    }

    private static String randomLine(Random random) {
        int length = random.nextInt(7);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                line.append(random.nextInt(10) == 0 ? "  " : " ");
            }
            line.append(random.nextInt(8) == 0 ? garbage(random) : WORDS.get(random.nextInt(WORDS.size())));
        }
        return line.toString();
    }

    private static String garbage(Random random) {
        StringBuilder junk = new StringBuilder();
        int length = 1 + random.nextInt(20);
        for (int i = 0; i < length; i++) {
            junk.append((char) (33 + random.nextInt(0x24F)));
        }
        return junk.toString();
    }
}
