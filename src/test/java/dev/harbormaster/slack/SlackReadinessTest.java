package dev.harbormaster.slack;

import dev.harbormaster.testing.SignedSlackRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * With a real token, the pod is ready only while Slack accepts it: here Slack cannot be reached. Requests that reach the
 * bot anyway (a probe is late, or Slack is reachable one way only) are answered at once, not after the Web API's timeout.
 */
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

    @Test
    void aCommandIsToldTheBotIsStillConnectingAndAnEventIsRefusedForSlackToRetry() {
        long now = Instant.now().getEpochSecond();
        String command = SignedSlackRequest.slashCommandBody("UALICE", "CPAYMENTS", "owner checkout-web", "http://127.0.0.1:9/x");
        Response answer = SignedSlackRequest.post(command, "application/x-www-form-urlencoded", now,
                SignedSlackRequest.sign("readiness-secret", now, command));
        assertEquals(200, answer.statusCode());
        assertEquals("ephemeral", answer.jsonPath().getString("response_type"));
        assertEquals(SlackEventsResource.NOT_CONNECTED_YET, answer.jsonPath().getString("text"));

        String event = SignedSlackRequest.eventBody(SignedSlackRequest.SANDBOX,
                "{\"type\":\"app_mention\",\"user\":\"UALICE\",\"text\":\"hi\",\"channel\":\"CPAYMENTS\",\"ts\":\"1.2\"}");
        Response refused = SignedSlackRequest.post(event, "application/json", now,
                SignedSlackRequest.sign("readiness-secret", now, event));
        assertEquals(503, refused.statusCode());
        assertFalse(refused.asString().contains("xoxb-readiness-test"), refused.asString());
    }
}
