package dev.harbormaster.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import org.jboss.logging.Logger;
import com.slack.api.util.http.SlackHttpClient;
import jakarta.enterprise.inject.Disposes;
import okhttp3.OkHttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the one Bolt {@link App} every Slack request goes through, and the Web API client under it. */
@ApplicationScoped
public class BoltAppProducer {

    private static final Logger LOG = Logger.getLogger(BoltAppProducer.class);

    /**
     * One Web API client for everything, tuned so that one call is exactly one HTTP request of bounded
     * duration: OkHttp otherwise repeats a request after some connection failures (which could post a
     * message twice), and Bolt's statistics call auth.test before calls (and again while that fails).
     */
    @Produces
    @Singleton
    Slack slack(SlackConnection connection, SlackSettings settings) {
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
        return Slack.getInstance(config, http);
    }

    void close(@Disposes Slack slack) throws Exception {
        slack.close();
    }

    @Produces
    @Singleton
    App app(Slack slack, SlackConnection connection, SlackDeliveryGuard guard, Instance<BoltListeners> listeners) {
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .signingSecret(connection.signingSecret())
                .singleTeamBotToken(connection.botToken())
                // Bolt checks the token with auth.test when the app is built and, by default, again on the request
                // thread of the first request and of one every ten minutes (every request arriving while that call
                // is out makes its own): a wait on Slack before the acknowledgement. The answer is kept for good
                // instead; a revoked token still shows, in the readiness check (auth.test every minute) and in every
                // Web API call's invalid_auth. (SingleTeamAuthorization reads only the expiry, not authTestCacheEnabled.)
                .authTestCacheExpirationMillis(-1)
                // SlackEventsResource verifies signatures itself (constant time, both clock directions)
                // before Bolt sees the request; Socket Mode needs none.
                .requestVerificationEnabled(false)
                .unmatchedRequestHandler(BoltAppProducer::unmatched)
                .build();
        App app = new App(config);
        app.use(guard);
        listeners.forEach(feature -> feature.register(app));
        return app;
    }

    /**
     * Events nobody listens to (yet) are acknowledged, or Slack would retry them and eventually turn the
     * subscription off; anything else unmatched is a request Harbormaster does not serve.
     */
    private static com.slack.api.bolt.response.Response unmatched(Request<?> request) {
        if (request.getRequestType() == RequestType.Event) {
            LOG.debugf("Acknowledged an event no feature listens to");
            return com.slack.api.bolt.response.Response.ok();
        }
        LOG.warnf("No listener for a %s request", request.getRequestType());
        return com.slack.api.bolt.response.Response.json(404, java.util.Map.of("error", "no handler for this request"));
    }
}
