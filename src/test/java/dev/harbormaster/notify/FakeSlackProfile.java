package dev.harbormaster.notify;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Points the bot's Web API client at {@link FakeSlackWebApi}, with retry waits short enough for a test. */
public class FakeSlackProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "harbormaster.slack.api-url", "http://127.0.0.1:${quarkus.http.test-port}/fake-slack/",
                "harbormaster.outbox.poll-interval", "50ms",
                "harbormaster.outbox.initial-backoff", "200ms",
                "harbormaster.outbox.max-backoff", "400ms",
                "harbormaster.slack.http-timeout", "3s");
    }
}
