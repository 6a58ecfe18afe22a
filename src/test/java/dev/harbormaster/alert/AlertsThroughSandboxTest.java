package dev.harbormaster.alert;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static dev.harbormaster.alert.AlertPayloads.find;
import static dev.harbormaster.alert.AlertPayloads.message;
import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A newcomer in the sandbox, with no Alertmanager configured: a test alert fired with POST /sandbox/alerts reaches
 * #payments through the real webhook, is acknowledged and silenced with its buttons (the sandbox's stand-in for
 * Alertmanager holds the silence), and the commands list and expire it.
 */
@QuarkusTest
class AlertsThroughSandboxTest {

    @BeforeEach
    void reset() {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
    }

    private static JsonPath fire(String alertname, String status) {
        return RestAssured.given().contentType("application/json")
                .body(Map.of("service", "payments-api", "alertname", alertname, "env", "production", "status", status))
                .post("/sandbox/alerts").then().statusCode(200).extract().jsonPath();
    }

    private static String command(String user, String channel, String text) {
        return RestAssured.given().contentType("application/json").body(Map.of("user", user, "channel", channel, "text", text))
                .post("/sandbox/command").then().statusCode(200).extract().jsonPath().getString("ack.text");
    }

    private static void click(String user, Map<String, Object> message, String actionId) {
        String blocks = String.valueOf(message.get("blocks"));
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("action_id=" + java.util.regex.Pattern.quote(actionId)
                + ", value=(\\d+)|value=(\\d+), action_id=" + java.util.regex.Pattern.quote(actionId)).matcher(blocks);
        String groupId = value.find() ? (value.group(1) != null ? value.group(1) : value.group(2)) : null;
        if (groupId == null) {
            java.util.regex.Matcher any = java.util.regex.Pattern.compile("value=(\\d+)").matcher(blocks);
            assertTrue(any.find(), "no button value in " + blocks);
            groupId = any.group(1);
        }
        RestAssured.given().contentType("application/json")
                .body(Map.of("user", user, "channel", "payments", "ts", message.get("ts"), "action_id", actionId, "value", groupId))
                .post("/sandbox/click").then().statusCode(200);
    }

    private static String ephemeral(String user, String... parts) {
        Map<String, Object> m = waitFor("an answer to " + user + " with " + List.of(parts), () ->
                RestAssured.get("/sandbox/messages?channel=payments&user=" + user).jsonPath().<Map<String, Object>>getList("").stream()
                        .filter(x -> user.equals(x.get("ephemeral_to")))
                        .filter(x -> List.of(parts).stream().allMatch(p -> String.valueOf(x.get("text")).contains(p))).findFirst().orElse(null));
        return String.valueOf(m.get("text"));
    }

    @Test
    void aNewcomerFiresATestAlertAcknowledgesAndSilencesItAndSeesTheSilence() {
        String name = "Demo" + UUID.randomUUID().toString().substring(0, 8);
        assertTrue(fire(name, "firing").getBoolean("sent"));
        Map<String, Object> alert = message("payments", name, "Firing");
        assertTrue(String.valueOf(alert.get("text")).contains("<@UALICE>"), "critical on tier 1 names the on-call");

        click("alice", alert, AlertGroupMessage.ACKNOWLEDGE);
        message("payments", name, "Acknowledged by <@UALICE>");
        waitFor("the Acknowledge button gone", () -> !String.valueOf(find("payments", name, "Firing").get("blocks")).contains("alert.acknowledge"));

        click("alice", find("payments", name, "Firing"), AlertGroupMessage.SILENCE_1H);
        String answer = ephemeral("alice", "Silenced");
        assertTrue(answer.contains("in Alertmanager `sandbox`"), answer);
        Map<String, Object> silenced = message("payments", name, "Silenced by <@UALICE> until", "alert.unsilence");
        assertFalse(String.valueOf(silenced.get("blocks")).contains("alert.silence.1h"));

        String silences = command("alice", "payments", "silences payments-api");
        assertTrue(silences.contains("Alice Adams &lt;alice@example.com&gt;") && silences.contains("active"), silences);
        assertTrue(silences.contains("alertname=" + name), silences);
        assertFalse(fire(name, "firing").getBoolean("sent"), "a silenced alert does not notify");

        click("alice", silenced, AlertGroupMessage.UNSILENCE);
        ephemeral("alice", "expired");
        message("payments", name, "alert.silence.1h");
        assertFalse(command("alice", "payments", "silences payments-api").contains("alertname=" + name));

        String firing = command("bob", "payments", "alerts payments");
        assertTrue(firing.contains(name) && firing.contains("https://slack.com/archives/"), firing);
        fire(name, "resolved");
        message("payments", name, "Resolved");
        assertFalse(command("bob", "payments", "alerts payments-api").contains(name));
    }

    @Test
    void theSilenceFormTakesALengthAndAReasonAndUntilTomorrowMorningWaitsForAnOwner() {
        String name = "Form" + UUID.randomUUID().toString().substring(0, 8);
        fire(name, "firing");
        Map<String, Object> alert = message("payments", name, "Firing");
        click("alice", alert, AlertGroupMessage.SILENCE_CUSTOM);
        String viewId = waitFor("the silence form", () -> RestAssured.get("/sandbox/views?user=alice").jsonPath()
                .<Map<String, Object>>getList("").stream().filter(v -> "alert.silence".equals(v.get("callback_id")))
                .map(v -> String.valueOf(v.get("id"))).findFirst().orElse(null));
        RestAssured.given().contentType("application/json").body(Map.of("user", "alice", "view_id", viewId, "values",
                        Map.of("length", Map.of("length_input", "forever"), "reason", Map.of("reason_input", "deploy window"))))
                .post("/sandbox/submit").then().statusCode(200).body("errors.length", org.hamcrest.Matchers.startsWith("Type a length"));
        RestAssured.given().contentType("application/json").body(Map.of("user", "alice", "view_id", viewId, "values",
                        Map.of("length", Map.of("length_input", "90m"), "reason", Map.of("reason_input", "deploy window"))))
                .post("/sandbox/submit").then().statusCode(200);
        message("payments", name, "Silenced by <@UALICE>");
        String silences = command("alice", "payments", "silences payments-api");
        assertTrue(silences.contains("deploy window"), "the reason is the comment: " + silences);

        String other = "Morning" + UUID.randomUUID().toString().substring(0, 8);
        fire(other, "firing");
        click("alice", message("payments", other, "Firing"), AlertGroupMessage.SILENCE_MORNING);
        String asked = ephemeral("alice", "waiting for approval");
        assertTrue(asked.contains("#payments"), asked);
        Map<String, Object> request = message("payments", "approval.approve", other);
        RestAssured.given().contentType("application/json").body(Map.of("user", "bob", "channel", "payments", "ts", request.get("ts"),
                        "action_id", "approval.approve", "value", asked.replaceAll("(?s).*Request #(\\d+).*", "$1")))
                .post("/sandbox/click").then().statusCode(200);
        assertTrue(String.valueOf(message("payments", other, "Silenced by <@UALICE> until").get("blocks")).contains("09:00"));
    }

    @Test
    void acknowledgingAgainSaysWhoAlreadyDid() {
        String name = "Twice" + UUID.randomUUID().toString().substring(0, 8);
        fire(name, "firing");
        Map<String, Object> alert = message("payments", name, "Firing");
        // two on-call engineers click at once, both before the message loses its button
        CompletableFuture<Void> alice = CompletableFuture.runAsync(() -> click("alice", alert, AlertGroupMessage.ACKNOWLEDGE));
        CompletableFuture<Void> bob = CompletableFuture.runAsync(() -> click("bob", alert, AlertGroupMessage.ACKNOWLEDGE));
        CompletableFuture.allOf(alice, bob).join();
        String aliceSees = ephemeral("alice", "acknowledged");
        String bobSees = ephemeral("bob", "acknowledged");
        boolean aliceFirst = aliceSees.contains("You acknowledged");
        assertTrue(aliceFirst ? bobSees.contains("<@UALICE> acknowledged it already") : aliceSees.contains("<@UBOB> acknowledged it already"),
                "one acknowledgement, and the other is told who: alice saw «" + aliceSees + "», bob saw «" + bobSees + "»");
        message("payments", name, "Acknowledged by <@" + (aliceFirst ? "UALICE" : "UBOB") + ">");
    }

    @Test
    void aLongSilenceOfACriticalTierOneProductionAlertWaitsForAnOwnersYes() {
        String asked = command("alice", "payments", "silence payments-api 8h --env production --reason \"noisy after the migration\"");
        assertTrue(asked.contains("is waiting for approval"), asked);
        String policies = command("alice", "payments", "policy check");
        assertTrue(policies.contains("on alerts of severity `critical` lasting longer than `4h`"), policies);
        assertTrue(command("alice", "payments", "policy check silence payments-api 8h --env production --reason x")
                .contains("alert-silences"));
        String shortOne = command("alice", "payments", "silence payments-api 2h --env staging --reason \"load test\"");
        assertTrue(shortOne.contains("Silenced alerts of `payments-api` in `staging`"), shortOne);
        String id = shortOne.replaceAll("(?s).*silence `([0-9a-f-]{36})`.*", "$1");
        assertTrue(shortOne.contains("Undo it with `/platform unsilence " + id + "`."), "a whole command to type: " + shortOne);
        String unknown = command("bob", "payments", "unsilence 00000000-0000-0000-0000-000000000000");
        assertTrue(unknown.contains("see them with `/platform silences`"), unknown);
        assertTrue(command("alice", "payments", "silences payments-api").contains(id));
        String expired = command("bob", "payments", "unsilence " + id);
        assertTrue(expired.contains("expired"), expired);
        String noReason = command("alice", "payments", "silence payments-api 2h");
        assertTrue(noReason.contains("--reason"), noReason);
        assertEquals(true, command("alice", "payments", "silence payments-api forever --reason x").contains("is not a length"));
    }
}
