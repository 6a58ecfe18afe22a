package dev.harbormaster.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the one Bolt {@link App} every Slack request goes through, and the Web API client under it. */
@ApplicationScoped
public class BoltAppProducer {

    @Produces
    @Singleton
    Slack slack(SlackConnection connection) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(connection.apiUrl());
        // Request and response bodies carry tokens and user data: never log them.
        config.setPrettyResponseLoggingEnabled(false);
        config.setLibraryMaintainerMode(false);
        return Slack.getInstance(config);
    }

    @Produces
    @Singleton
    App app(Slack slack, SlackConnection connection, SlackDeliveryGuard guard, Instance<BoltListeners> listeners) {
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .signingSecret(connection.signingSecret())
                .singleTeamBotToken(connection.botToken())
                // SlackEventsResource verifies signatures itself (constant time, both clock directions)
                // before Bolt sees the request; Socket Mode needs none.
                .requestVerificationEnabled(false)
                .build();
        App app = new App(config);
        app.use(guard);
        listeners.forEach(feature -> feature.register(app));
        return app;
    }
}
