package dev.harbormaster.audit;

import io.restassured.RestAssured;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static dev.harbormaster.testing.Await.waitFor;

/** The sandbox driven as people would, for the audit commands; nothing is reset between commands. */
final class AuditSandbox {

    private AuditSandbox() {
    }

    static void reset() {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
    }

    /** Types {@code text} as {@code user} in {@code channel} and returns the answer only they see (text, then blocks). */
    static String answer(String user, String channel, String text) {
        BigDecimal before = messages(channel).stream().map(m -> new BigDecimal(String.valueOf(m.get("ts"))))
                .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        RestAssured.given().contentType("application/json")
                .body(Map.of("user", user, "channel", channel, "text", text))
                .post("/sandbox/command").then().statusCode(200);
        return waitFor("the answer to \"" + text + "\" for " + user, () -> messages(channel).stream()
                .filter(m -> user.equals(m.get("ephemeral_to")))
                .filter(m -> new BigDecimal(String.valueOf(m.get("ts"))).compareTo(before) > 0)
                .map(m -> m.get("text") + "\n" + m.get("blocks"))
                .filter(shown -> !shown.startsWith(":hourglass_flowing_sand:"))
                .reduce((first, second) -> second).orElse(null));
    }

    static List<Map<String, Object>> messages(String channel) {
        return RestAssured.get("/sandbox/messages?channel=" + channel).jsonPath().getList("");
    }

    /** The first message in {@code channel} whose text or blocks contain {@code text}, once it has arrived. */
    static Map<String, Object> arrived(String channel, String text) {
        return waitFor("a message in #" + channel + " saying \"" + text + "\"", () -> messages(channel).stream()
                .filter(m -> (m.get("text") + "\n" + m.get("blocks")).contains(text)).findFirst().orElse(null));
    }
}
