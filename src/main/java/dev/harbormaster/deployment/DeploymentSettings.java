package dev.harbormaster.deployment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Set;

/** How deployments are changed from chat and how their rollouts are followed. */
@ConfigMapping(prefix = "harbormaster.deployments")
public interface DeploymentSettings {

    /** What a version (image tag) may look like: Docker's tag grammar. */
    @WithDefault("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")
    String tagPattern();

    /**
     * Environments where {@code scale <service> 0} is refused from chat. Approval policies match on action,
     * environment, tier and team, not on parameters, so this rule lives with the scale action.
     */
    @WithDefault("production")
    Set<String> scaleToZeroRefusedIn();

    /** A rollout that neither succeeds nor fails within this long is reported as stuck and no longer followed. */
    @WithDefault("1h")
    Duration trackingGivesUpAfter();
}
