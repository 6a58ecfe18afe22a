package dev.harbormaster.approval;

import static dev.harbormaster.testing.Await.waitFor;
import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.catalog.ImportReport;
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
        StringBuilder members = new StringBuilder(prefix + "-alice, " + prefix + "-bob");
        for (String member : extraOwnerMembers) {
            members.append(", ").append(member);
        }
        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: %1$s-alice}
                spec: {profile: {email: alice@example.com}}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: %1$s-bob}
                spec: {profile: {email: bob@example.com}}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: %1$s-carol}
                spec: {profile: {email: carol@example.com}}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %2$s
                  annotations: {harbormaster.dev/slack-channel: payments}
                spec: {type: team, members: [%3$s]}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %4$s
                  annotations: {harbormaster.dev/slack-channel: platform}
                spec: {type: team, members: [%1$s-carol]}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %5$s
                  annotations: {harbormaster.dev/tier: "%6$d"}
                spec: {type: service, lifecycle: production, owner: %2$s}
                """.formatted(prefix, owners, members, newOwners, service, tier);
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
