package dev.harbormaster.slack;

import dev.harbormaster.testing.SignedSlackRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SlackEventsResourceTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void forgedStaleAndFutureRequestsGet401() {
        String body = SignedSlackRequest.slashCommandBody("UALICE", "CPAYMENTS", "help", "http://127.0.0.1:9/x");
        long now = Instant.now().getEpochSecond();
        assertEquals(401, SignedSlackRequest.post(body, FORM, now, SignedSlackRequest.sign("forged", now, body)).statusCode());
        assertEquals(401, SignedSlackRequest.post(body, FORM, -360).statusCode());
        assertEquals(401, SignedSlackRequest.post(body, FORM, 360).statusCode());
        assertEquals(401, SignedSlackRequest.post(body, FORM, now, "").statusCode());
    }

    @Test
    void aReplayedCommandIsAcknowledgedWithoutRunningAgain() {
        String body = SignedSlackRequest.slashCommandBody("UALICE", "CPAYMENTS", "owner payments-api", "http://127.0.0.1:9/x");
        long now = Instant.now().getEpochSecond();
        String signature = SignedSlackRequest.sign(SignedSlackRequest.TEST_SIGNING_SECRET, now, body);
        var first = SignedSlackRequest.post(body, FORM, now, signature);
        assertEquals(200, first.statusCode());
        assertTrue(first.body().asString().contains("payments-api"), first.body().asString());
        var replay = SignedSlackRequest.post(body, FORM, now, signature);
        assertEquals(200, replay.statusCode());
        assertEquals("", replay.body().asString(), "the replay must not run the command again");
    }

    @Test
    void slackRetriesOfAnEventAreCountedAsDuplicates() {
        String eventId = "Ev" + System.nanoTime();
        String body = "{\"token\":\"t\",\"team_id\":\"T0SANDBOX\",\"api_app_id\":\"A0HARBOR\",\"type\":\"event_callback\","
                + "\"event_id\":\"" + eventId + "\",\"event_time\":1700000000,"
                + "\"event\":{\"type\":\"app_home_opened\",\"user\":\"UALICE\",\"channel\":\"DALICE\",\"tab\":\"home\"}}";
        double before = duplicates();
        assertEquals(200, SignedSlackRequest.post(body, "application/json", 0).statusCode());
        long now = Instant.now().getEpochSecond();
        var retry = RestAssured.given()
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", SignedSlackRequest.sign(SignedSlackRequest.TEST_SIGNING_SECRET, now, body))
                .header("X-Slack-Retry-Num", "1")
                .header("X-Slack-Retry-Reason", "http_timeout")
                .contentType("application/json").body(body).post("/slack/events");
        assertEquals(200, retry.statusCode());
        assertEquals(before + 1, duplicates(), 0.001);
    }

    private static double duplicates() {
        return RestAssured.get("/q/metrics").body().asString().lines()
                .filter(line -> line.startsWith("harbormaster_slack_duplicates_total{kind=\"Event\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void metricsCountCommandsAndTimeTheAck() {
        SignedSlackRequest.command("UALICE", "CPAYMENTS", "help");
        String metrics = RestAssured.get("/q/metrics").body().asString();
        assertTrue(metrics.contains("harbormaster_commands_total{command=\"help\",outcome=\"ok\"}"), metrics);
        assertTrue(metrics.contains("harbormaster_slack_ack_seconds_bucket{kind=\"command\""), metrics);
    }

    @Test
    void urlVerificationIsAnswered() {
        String body = "{\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}";
        var response = SignedSlackRequest.post(body, "application/json", 0);
        assertEquals(200, response.statusCode());
        assertEquals(true, response.body().asString().contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }
}
