package dev.harbormaster.sandbox;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A person in the sandbox: commands, clicks and modals go to the bot as signed Slack requests through the
 * real Bolt app, and what the bot answers shows up in the sandbox's channels and view stacks.
 */
@QuarkusTest
class SandboxDrivingTest {

    @BeforeEach
    void reset() {
        given().post("/sandbox/reset").then().statusCode(200);
    }

    private static ValidatableResponse post(String path, Object body) {
        return given().contentType("application/json").body(body).post(path).then();
    }

    @Test
    void anEphemeralCommandAnswerIsSeenOnlyByTheUserWhoTypedIt() {
        JsonPath result = post("/sandbox/command", Map.of("user", "alice", "channel", "payments",
                "text", "hello <world>", "command", "/sandbox-echo"))
                .statusCode(200)
                .body("status", equalTo(200))
                .body("ack.text", equalTo("echo: hello <world>"))
                .body("response_url", startsWith("http://127.0.0.1:"))
                .extract().jsonPath();
        assertEquals("ephemeral", result.getString("ack.response_type"));
        given().get("/sandbox/messages?channel=payments").then()
                .body("", hasSize(1))
                .body("[0].user", equalTo("harbormaster"))
                .body("[0].ephemeral_to", equalTo("alice"))
                .body("[0].blocks[1].elements[0].action_id", equalTo("sandbox.test.click"));
        given().get("/sandbox/messages?channel=payments&user=bob").then().body("", hasSize(0));
    }

    @Test
    void theSignatureTheSandboxMakesIsAcceptedByTheBot() {
        post("/sandbox/command", Map.of("user", "bob", "channel", "CPAYMENTS", "text", "loud hi", "command", "/sandbox-echo"))
                .body("status", equalTo(200));
        given().get("/sandbox/messages?channel=payments").then()
                .body("", hasSize(1)).body("[0].ephemeral_to", equalTo(null)).body("[0].text", equalTo("echo: loud hi"));
    }

    @Test
    void clickingAButtonReachesTheBotWhichReplacesTheMessageThroughTheResponseUrl() {
        post("/sandbox/command", Map.of("user", "alice", "channel", "payments", "text", "loud deploy", "command", "/sandbox-echo"));
        String ts = given().get("/sandbox/messages?channel=payments").path("[0].ts");
        post("/sandbox/click", Map.of("user", "carol", "channel", "payments", "ts", ts,
                "action_id", "sandbox.test.click", "value", "reject"))
                .statusCode(200).body("status", equalTo(200));
        given().get("/sandbox/messages?channel=payments").then()
                .body("", hasSize(1)).body("[0].ts", equalTo(ts)).body("[0].text", equalTo("rejected by carol"));
    }

    @Test
    void clickingWhatIsNotThereIsAClearError() {
        post("/sandbox/command", Map.of("user", "alice", "channel", "payments", "text", "x", "command", "/sandbox-echo"));
        String ts = given().get("/sandbox/messages?channel=payments").path("[0].ts");
        post("/sandbox/click", Map.of("user", "alice", "channel", "payments", "ts", ts, "action_id", "sandbox.test.click", "value", "maybe"))
                .statusCode(400).body("error", containsString("sandbox.test.click(value approve)"));
        post("/sandbox/click", Map.of("user", "bob", "channel", "payments", "ts", ts, "action_id", "sandbox.test.click"))
                .statusCode(400).body("error", containsString("that bob can see"));
        post("/sandbox/command", Map.of("user", "mallory", "channel", "payments", "text", "x"))
                .statusCode(400).body("error", containsString("No user \"mallory\""));
        post("/sandbox/command", Map.of("user", "alice", "channel", "nowhere", "text", "x"))
                .statusCode(400).body("error", containsString("No channel \"nowhere\""));
    }

    @Test
    void aModalOpenedWithTheTriggerIsSubmittedWithErrorsThenAccepted() {
        post("/sandbox/command", Map.of("user", "alice", "channel", "payments", "text", "", "command", "/sandbox-form"))
                .body("status", equalTo(200));
        JsonPath views = given().get("/sandbox/views?user=alice").then()
                .body("", hasSize(1)).body("[0].title", equalTo("Sandbox form")).body("[0].callback_id", equalTo("sandbox.test.form"))
                .extract().jsonPath();
        String viewId = views.getString("[0].id");

        post("/sandbox/submit", Map.of("user", "alice", "view_id", viewId, "values", Map.of("env", Map.of("env_select", "production"))))
                .statusCode(400).body("error", containsString("\"Reason\""));
        post("/sandbox/submit", Map.of("user", "alice", "view_id", viewId, "values", Map.of("env_select", "prod", "reason_input", "x")))
                .statusCode(400).body("error", containsString("[staging, production]"));

        post("/sandbox/submit", Map.of("user", "alice", "view_id", viewId,
                "values", Map.of("env", Map.of("env_select", "production"), "reason", Map.of("reason_input", "bad"))))
                .statusCode(200).body("response_action", equalTo("errors")).body("errors.reason", startsWith("Say why in words"));
        given().get("/sandbox/views?user=alice").then().body("", hasSize(1)).body("[0].errors.reason", startsWith("Say why"));

        post("/sandbox/submit", Map.of("user", "alice", "view_id", viewId,
                "values", Map.of("env_select", "Production", "reason_input", "hotfix")))
                .statusCode(200).body("status", equalTo(200)).body("response_action", equalTo(null));
        given().get("/sandbox/views?user=alice").then().body("", hasSize(0));
        given().get("/sandbox/messages?channel=payments").then()
                .body("[0].text", equalTo("alice requested production because hotfix"));
    }

    @Test
    void aButtonInsideAModalPushesAViewOnTheStack() {
        post("/sandbox/command", Map.of("user", "bob", "channel", "platform", "text", "", "command", "/sandbox-form"));
        String viewId = given().get("/sandbox/views?user=bob").path("[0].id");
        post("/sandbox/click", Map.of("user", "bob", "view_id", viewId, "action_id", "sandbox.test.more"))
                .statusCode(200).body("status", equalTo(200));
        given().get("/sandbox/views?user=bob").then()
                .body("", hasSize(2)).body("[1].title", equalTo("More options"));
        post("/sandbox/close", Map.of("user", "bob", "view_id", given().get("/sandbox/views?user=bob").path("[1].id")))
                .body("notified", equalTo(false));
        given().get("/sandbox/views?user=bob").then().body("", hasSize(1)).body("[0].id", equalTo(viewId));
    }

    @Test
    void aResponseUrlAcceptsFiveUsesAndUnknownOnesAreExpired() {
        String responseUrl = post("/sandbox/command", Map.of("user", "alice", "channel", "payments", "text", "quiet",
                "command", "/sandbox-echo")).extract().path("response_url");
        String path = responseUrl.substring(responseUrl.indexOf("/sandbox/"));
        post(path, Map.of("text", "still working", "response_type", "in_channel")).statusCode(200).body("ok", equalTo(true));
        for (int i = 0; i < 4; i++) {
            post(path, Map.of("text", "update " + i)).statusCode(200);
        }
        post(path, Map.of("text", "one too many")).statusCode(404).body("ok", equalTo(false));
        post("/sandbox/response/nope", Map.of("text", "hi")).statusCode(404).body("error", equalTo("expired_url"));
        given().get("/sandbox/messages?channel=payments").then()
                .body("", hasSize(6))
                .body("[1].text", equalTo("still working")).body("[1].ephemeral_to", equalTo(null))
                .body("[2].ephemeral_to", equalTo("alice"));
    }
}
