package dev.harbormaster.slack;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The effective Slack connection: real Slack when a bot token is configured, otherwise the sandbox
 * workspace served by this same process. Resolves the signing secret (random per start in the sandbox
 * when none is configured) and the Web API base URL.
 */
@ApplicationScoped
public class SlackConnection {

    /** The token the sandbox accepts; it is not a secret, it only marks calls as coming from the bot. */
    public static final String SANDBOX_BOT_TOKEN = "xoxb-harbormaster-sandbox";

    private final boolean sandbox;
    private final String signingSecret;
    private final String botToken;
    private final String apiUrl;
    private final SlackSettings settings;

    @Inject
    public SlackConnection(SlackSettings settings,
                           @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort,
                           @ConfigProperty(name = "quarkus.http.test-port", defaultValue = "8081") int testPort) {
        this.settings = settings;
        this.sandbox = settings.botToken().isEmpty();
        this.signingSecret = settings.signingSecret().orElseGet(() -> {
            if (!sandbox) {
                throw new IllegalStateException(
                        "SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is not: Slack requests cannot be verified");
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return HexFormat.of().formatHex(random);
        });
        this.botToken = settings.botToken().orElse(SANDBOX_BOT_TOKEN);
        int port = LaunchMode.current() == LaunchMode.TEST ? testPort : httpPort;
        String defaultUrl = sandbox ? "http://127.0.0.1:" + port + "/sandbox/api/" : "https://slack.com/api/";
        String url = settings.apiUrl().orElse(defaultUrl);
        this.apiUrl = url.endsWith("/") ? url : url + "/";
    }

    /** True when no bot token is configured and the sandbox workspace stands in for Slack. */
    public boolean sandbox() {
        return sandbox;
    }

    public String signingSecret() {
        return signingSecret;
    }

    public String botToken() {
        return botToken;
    }

    /** Base URL of the Web API, ending in a slash: methods are appended to it. */
    public String apiUrl() {
        return apiUrl;
    }

    public String slashCommand() {
        return settings.command();
    }

    public boolean socketMode() {
        return settings.appToken().isPresent();
    }

    public String appToken() {
        return settings.appToken().orElseThrow();
    }
}
