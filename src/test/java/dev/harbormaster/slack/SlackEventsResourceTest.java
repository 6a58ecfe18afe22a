package dev.harbormaster.slack;

import dev.harbormaster.testing.SignedSlackRequest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void urlVerificationIsAnswered() {
        String body = "{\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}";
        var response = SignedSlackRequest.post(body, "application/json", 0);
        assertEquals(200, response.statusCode());
        assertEquals(true, response.body().asString().contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }
}
