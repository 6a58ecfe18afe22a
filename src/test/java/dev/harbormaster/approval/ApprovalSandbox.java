package dev.harbormaster.approval;

import static dev.harbormaster.testing.Await.waitFor;
import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.catalog.ImportReport;
import dev.harbormaster.testing.CatalogYaml;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A test's own corner of the catalog, and the sandbox driven as people would. Each scenario imports a team
 * owning one service (members alice and bob, by email), and a second team (carol) to hand it to.
 */
final class ApprovalSandbox {

    final String prefix = "a" + UUID.randomUUID().toString().substring(0, 6);
    final String service = prefix + "-svc";
    final String owners = prefix + "-owners";
    final String newOwners = prefix + "-new";

    ApprovalSandbox(CatalogImport catalogImport, int tier, String... extraOwnerMembers) {
        List<String> members = new java.util.ArrayList<>(List.of(prefix + "-alice", prefix + "-bob"));
        members.addAll(List.of(extraOwnerMembers));
        String yaml = CatalogYaml.people(prefix, "alice", "bob", "carol")
                + CatalogYaml.team(owners, "payments", members.toArray(String[]::new))
                + "---\n" + CatalogYaml.team(newOwners, "platform", prefix + "-carol") + """
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  annotations: {harbormaster.dev/tier: "%d"}
                spec: {type: service, lifecycle: production, owner: %s}
                """.formatted(service, tier, owners);
        ImportReport report = catalogImport.importYaml("system", prefix + ".yaml", yaml);
        assertTrue(report.imported(), report.problems().toString());
    }

    static void reset() {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
    }

    static JsonPath command(String user, String channel, String text) {
        return RestAssured.given().contentType("application/json")
                .body(Map.of("user", user, "channel", channel, "text", text))
                .post("/sandbox/command").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath click(String user, String channel, String ts, String actionId, String value) {
        return RestAssured.given().contentType("application/json")
                .body(Map.of("user", user, "channel", channel, "ts", ts, "action_id", actionId, "value", value))
                .post("/sandbox/click").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath submit(String user, String viewId, Map<String, Object> values) {
        return RestAssured.given().contentType("application/json")
                .body(Map.of("user", user, "view_id", viewId, "values", values))
                .post("/sandbox/submit").then().statusCode(200).extract().jsonPath();
    }

    /** Messages of a channel as {@code user} sees them (ephemeral ones to others left out). */
    static List<Map<String, Object>> messages(String channel, String user) {
        return RestAssured.get("/sandbox/messages?channel=" + channel + (user == null ? "" : "&user=" + user)).jsonPath().getList("");
    }

    /** The approvers' message of request {@code id}, once the outbox has delivered it. */
    static Map<String, Object> requestMessage(String channel, long id, String containing) {
        return waitFor("the message of #" + id + " in " + channel + " to say \"" + containing + "\"", () ->
                messages(channel, null).stream().filter(m -> m.get("ephemeral_to") == null)
                        .filter(m -> String.valueOf(m.get("text")).contains("#" + id + " ")
                                || String.valueOf(m.get("text")).contains("#" + id + ":"))
                        .filter(m -> (m.get("text") + " " + m.get("blocks")).contains(containing))
                        .findFirst().orElse(null));
    }

    static Map<String, Object> messageContaining(String channel, String user, String text) {
        return waitFor("a message in " + channel + " for " + user + " saying \"" + text + "\"", () ->
                messages(channel, user).stream().filter(m -> String.valueOf(m.get("text")).contains(text)).findFirst().orElse(null));
    }

    static long requestId(String ackText) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Request #(\\d+)").matcher(ackText);
        assertTrue(m.find(), "no request number in: " + ackText);
        return Long.parseLong(m.group(1));
    }

}
