package dev.harbormaster.slack;

import com.slack.api.Slack;
import com.slack.api.methods.response.auth.AuthTestResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.time.Instant;

/**
 * Ready only when Slack accepts the bot token (auth.test) and, in Socket Mode, the WebSocket is up.
 * The answer is cached for a minute so that probes every few seconds do not spend Slack's rate limit.
 * In the sandbox there is nothing outside to check; the database check comes with the datasource.
 */
@Readiness
@ApplicationScoped
public class SlackReadinessCheck implements HealthCheck {

    private static final Duration CACHE_FOR = Duration.ofMinutes(1);

    @Inject
    SlackConnection connection;
    @Inject
    Slack slack;
    @Inject
    SocketModeConnector socketMode;

    private volatile Instant checkedAt = Instant.EPOCH;
    private volatile String authError = "not checked yet";

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("slack")
                .withData("mode", connection.sandbox() ? "sandbox" : connection.socketMode() ? "socket-mode" : "http");
        if (connection.sandbox()) {
            return response.up().build();
        }
        if (Instant.now().isAfter(checkedAt.plus(CACHE_FOR)) || authError != null) {
            authError = authTest();
            checkedAt = Instant.now();
        }
        if (authError != null) {
            return response.down().withData("auth.test", authError).build();
        }
        if (connection.socketMode() && !socketMode.connected()) {
            return response.down().withData("socket-mode", "not connected").build();
        }
        return response.up().build();
    }

    /** Slack's error code when the token is refused or Slack cannot be reached; null when all is well. */
    private String authTest() {
        try {
            AuthTestResponse test = slack.methods(connection.botToken()).authTest(r -> r);
            return test.isOk() ? null : test.getError();
        } catch (Exception e) {
            return "unreachable: " + e.getClass().getSimpleName();
        }
    }
}
