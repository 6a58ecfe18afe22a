package dev.harbormaster.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The sandbox workspace, active only when no Slack bot token is configured. */
@ConfigMapping(prefix = "harbormaster.sandbox")
public interface SandboxSettings {

    /** HARBORMASTER_SANDBOX_SEED: path of a workspace YAML file used instead of the built-in sandbox/workspace.yaml. */
    Optional<String> seed();

    /**
     * How long a trigger_id the sandbox issued can open a modal. Slack allows 3 s; the sandbox is lenient
     * because a slow CI machine (or a debugger) can take longer than that between the click and views.open,
     * and a flaky "expired_trigger_id" would teach nothing.
     */
    @WithDefault("30s")
    Duration triggerLifetime();
}
