package dev.harbormaster.sandbox;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** With a real Slack token configured, nobody can reach the fake Slack. */
@QuarkusTest
@TestProfile(SandboxWithRealSlackTest.RealSlack.class)
class SandboxWithRealSlackTest {

    public static class RealSlack implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harbormaster.slack.bot-token", "xoxb-test", "harbormaster.slack.signing-secret", "x");
        }
    }

    @Test
    void everySandboxEndpointIsNotFound() {
        given().get("/sandbox").then().statusCode(404);
        given().get("/sandbox/ui/sandbox.js").then().statusCode(404);
        given().get("/sandbox/commands").then().statusCode(404);
        given().get("/sandbox/stream").then().statusCode(404);
        given().formParam("token", "xoxb-test").post("/sandbox/api/auth.test").then().statusCode(404);
        given().contentType("application/json").body("{\"user\":\"alice\",\"channel\":\"payments\",\"text\":\"help\"}")
                .post("/sandbox/command").then().statusCode(404);
        given().get("/sandbox/messages?channel=payments").then().statusCode(404);
        given().post("/sandbox/reset").then().statusCode(404);
    }
}
