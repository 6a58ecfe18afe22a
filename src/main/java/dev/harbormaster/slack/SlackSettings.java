package dev.harbormaster.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** How Harbormaster reaches Slack. Each value comes from the environment variable named in application.properties. */
@ConfigMapping(prefix = "harbormaster.slack")
public interface SlackSettings {

    /** SLACK_SIGNING_SECRET; in the sandbox a random one is made at start when unset. */
    Optional<String> signingSecret();

    /** SLACK_BOT_TOKEN; unset means the sandbox workspace stands in for Slack. */
    Optional<String> botToken();

    /** SLACK_APP_TOKEN; set means Socket Mode. */
    Optional<String> appToken();

    /** SLACK_API_URL: base of the Web API, e.g. https://slack.com/api/ (default: Slack, or the sandbox). */
    Optional<String> apiUrl();

    /** Upper bound of one Web API call, so a hung connection cannot hold an outbox row or a request. */
    @WithDefault("10s")
    java.time.Duration httpTimeout();

    /** The slash command Harbormaster answers to. */
    @WithDefault("/platform")
    String command();

    /**
     * HARBORMASTER_ALLOWED_TEAM_IDS: only requests whose every workspace id is listed are served (unset: any
     * workspace that signs correctly). How it combines with the next list: {@link WorkspaceAllowList}.
     */
    Optional<List<String>> allowedTeamIds();

    /** HARBORMASTER_ALLOWED_ENTERPRISE_IDS: only requests whose every Enterprise Grid organisation is listed are served (unset: any). */
    Optional<List<String>> allowedEnterpriseIds();
}
