package dev.harbormaster.notify;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.util.http.SlackHttpClient;
import dev.harbormaster.slack.SlackConnection;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import okhttp3.OkHttpClient;

/**
 * The Web API client the outbox sends with: the same URL and token as {@link SlackGateway#methods()},
 * but tuned so that one delivery attempt is exactly one HTTP request of bounded duration. Bolt's sync
 * MethodsClient never retries by itself; OkHttp, though, silently repeats a request after some
 * connection failures, which could post a message twice, and Bolt's statistics call auth.test before
 * the first call (and again on every call while that fails).
 */
@ApplicationScoped
public class OutboxSlackClient {

    @Inject
    SlackConnection connection;
    @Inject
    OutboxSettings settings;

    private Slack slack;

    @PostConstruct
    void build() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(connection.apiUrl());
        // Request and response bodies carry tokens and user data: never log them.
        config.setPrettyResponseLoggingEnabled(false);
        config.setLibraryMaintainerMode(false);
        config.setStatsEnabled(false);
        config.setHttpClientCallTimeoutMillis(Math.toIntExact(settings.httpTimeout().toMillis()));
        OkHttpClient okHttp = SlackHttpClient.buildOkHttpClient(config).newBuilder()
                .retryOnConnectionFailure(false)
                .build();
        SlackHttpClient http = new SlackHttpClient(okHttp);
        http.setConfig(config);
        slack = Slack.getInstance(config, http);
    }

    MethodsClient methods() {
        return slack.methods(connection.botToken());
    }

    @PreDestroy
    void close() throws Exception {
        slack.close();
    }
}
