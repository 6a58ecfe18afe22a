package dev.harbormaster.team;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where messages go that belong to no team, or whose team has no channel; how team members are recognised. */
@ConfigMapping(prefix = "harbormaster.teams")
public interface TeamSettings {

    /** HARBORMASTER_PLATFORM_CHANNEL: the platform team's channel, the last stop of every team's message. */
    @WithDefault("platform")
    String platformChannel();

    /**
     * How often the Slack ids of the people the catalog names by email are learned ahead of their first click
     * ({@link MemberIdentities}); "off" turns it off.
     */
    @WithDefault("1m")
    String identityRefreshEvery();
}
