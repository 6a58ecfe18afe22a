package dev.harbormaster.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With SLACK_APP_TOKEN set the bot opens a Socket Mode connection and answers slash commands over it,
 * through the same guard and listeners as HTTP.
 */
@QuarkusTest
@TestProfile(SocketModeTest.WithAppToken.class)
class SocketModeTest {

    public static class WithAppToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harbormaster.slack.app-token", "xapp-1-test",
                    "harbormaster.slack.api-url", "http://127.0.0.1:${quarkus.http.test-port}/fake-socket-mode-slack/");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeSocketModeSlack.class));
        }
    }

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void answersASlashCommandOverTheWebSocket() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (FakeSocketModeSlack.CONNECTIONS.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(FakeSocketModeSlack.CONNECTIONS.isEmpty(), "the bot connected over Socket Mode");
        FakeSocketModeSlack.RECEIVED.clear();
        FakeSocketModeSlack.CONNECTIONS.get(0).send("""
                {"envelope_id":"env-1","type":"slash_commands","accepts_response_payload":true,
                 "payload":{"token":"t","team_id":"T0SANDBOX","team_domain":"sandbox","channel_id":"CPAYMENTS",
                   "channel_name":"payments","user_id":"UALICE","user_name":"alice","command":"/platform",
                   "text":"owner payments-api","api_app_id":"A0HARBOR","is_enterprise_install":"false",
                   "response_url":"http://127.0.0.1:9/unused","trigger_id":"1.2.3"}}""");
        String ack = FakeSocketModeSlack.RECEIVED.poll(20, TimeUnit.SECONDS);
        assertNotNull(ack, "the bot acknowledged the envelope");
        JsonNode envelope = json.readTree(ack);
        assertEquals("env-1", envelope.path("envelope_id").asText());
        String answer = envelope.path("payload").toString();
        assertTrue(answer.contains("payments-api") && answer.contains("payments"), answer);
    }
}
