package dev.harbormaster.slack;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;

/** With a real token, the pod is ready only while Slack accepts it: here Slack cannot be reached. */
@QuarkusTest
@TestProfile(SlackReadinessTest.SlackUnreachable.class)
class SlackReadinessTest {

    public static class SlackUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harbormaster.slack.bot-token", "xoxb-readiness-test",
                    "harbormaster.slack.signing-secret", "readiness-secret",
                    "harbormaster.slack.api-url", "http://127.0.0.1:9/api/",
                    "harbormaster.slack.http-timeout", "2s");
        }
    }

    @Test
    void notReadyWhileAuthTestFails() {
        RestAssured.get("/q/health/ready").then().statusCode(503)
                .body(containsString("\"slack\""), containsString("unreachable"))
                .body(org.hamcrest.Matchers.not(containsString("xoxb-readiness-test")));
        RestAssured.get("/q/health/live").then().statusCode(200);
    }
}
