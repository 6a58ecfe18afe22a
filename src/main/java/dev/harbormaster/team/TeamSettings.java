package dev.harbormaster.team;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where messages go that belong to no team, or whose team has no channel. */
@ConfigMapping(prefix = "harbormaster.teams")
public interface TeamSettings {

    /** HARBORMASTER_PLATFORM_CHANNEL: the platform team's channel, the last stop of every team's message. */
    @WithDefault("platform")
    String platformChannel();
}
