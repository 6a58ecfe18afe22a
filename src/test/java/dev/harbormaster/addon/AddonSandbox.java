package dev.harbormaster.addon;

import static dev.harbormaster.testing.Await.waitFor;
import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.testing.DemoCatalog;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox driven as people would, for the add-on tests. */
final class AddonSandbox {

    private AddonSandbox() {
    }

    /** The demo catalog's people, teams and payments-api as shipped (other tests may have changed its owner). */
    static void importDemo(CatalogImport catalogImport) throws IOException {
        DemoCatalog.restore(catalogImport, "users.yaml", "teams.yaml", "payments-api.yaml");
    }

    static void reset() {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
    }

    static String command(String user, String channel, String text) {
        JsonPath answer = RestAssured.given().contentType("application/json")
                .body(Map.of("user", user, "channel", channel, "text", text))
                .post("/sandbox/command").then().statusCode(200).extract().jsonPath();
        String ack = answer.getString("ack.text");
        if (ack != null && ack.startsWith(":hourglass_flowing_sand: Working on")) {
            return waitFor("the answer to " + text, () -> messages(channel, user).stream()
                    .filter(m -> user.equals(m.get("ephemeral_to")))
                    .map(m -> String.valueOf(m.get("text"))).filter(t -> !t.startsWith(":hourglass_flowing_sand: Working on"))
                    .reduce((a, b) -> b).orElse(null));
        }
        return ack;
    }

    static JsonPath click(String user, String channel, String ts, String actionId, String value) {
        return RestAssured.given().contentType("application/json")
                .body(Map.of("user", user, "channel", channel, "ts", ts, "action_id", actionId, "value", value))
                .post("/sandbox/click").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath clickInView(String user, String viewId, String actionId, String value) {
        return RestAssured.given().contentType("application/json")
                .body(Map.of("user", user, "view_id", viewId, "action_id", actionId, "value", value))
                .post("/sandbox/click").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath submit(String user, String viewId, Map<String, Object> values) {
        return RestAssured.given().contentType("application/json")
                .body(Map.of("user", user, "view_id", viewId, "values", values))
                .post("/sandbox/submit").then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> views(String user) {
        return RestAssured.get("/sandbox/views?user=" + user).jsonPath().getList("");
    }

    static List<Map<String, Object>> messages(String channel, String user) {
        return RestAssured.get("/sandbox/messages?channel=" + channel + (user == null ? "" : "&user=" + user)).jsonPath().getList("");
    }

    /** Everything a channel shows, every message's text and blocks, as one string. */
    static String everything(String channel) {
        return RestAssured.get("/sandbox/messages?channel=" + channel).asString();
    }

    static Map<String, Object> messageContaining(String channel, String text) {
        return waitFor("a message in " + channel + " saying \"" + text + "\"", () -> messages(channel, null).stream()
                .filter(m -> (m.get("text") + " " + m.get("blocks")).contains(text)).findFirst().orElse(null));
    }

    /** The progress message of add-on {@code name}, once it says {@code phrase}. */
    static Map<String, Object> progress(String channel, String name, String phrase) {
        return waitFor("the progress of " + name + " in " + channel + " saying \"" + phrase + "\"", () -> messages(channel, null)
                .stream().filter(m -> String.valueOf(m.get("text")).contains("`" + name + "`"))
                .filter(m -> String.valueOf(m.get("text")).contains(phrase)).findFirst().orElse(null));
    }

    static long requestId(String ackText) {
        Matcher m = Pattern.compile("Request #(\\d+)").matcher(ackText);
        assertTrue(m.find(), "no request number in: " + ackText);
        return Long.parseLong(m.group(1));
    }

    /** Bob approves request {@code id} with its button in #platform-approvals. */
    static void approveAsBob(long id) {
        Map<String, Object> message = waitFor("request #" + id + " in #platform-approvals", () ->
                messages("platform-approvals", null).stream().filter(m -> m.get("ephemeral_to") == null)
                        .filter(m -> String.valueOf(m.get("text")).contains("#" + id))
                        .filter(m -> String.valueOf(m.get("blocks")).contains("approval.approve")).findFirst().orElse(null));
        click("bob", "platform-approvals", (String) message.get("ts"), "approval.approve", Long.toString(id));
    }

}
