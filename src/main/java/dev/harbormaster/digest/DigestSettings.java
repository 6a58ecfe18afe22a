package dev.harbormaster.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the team digests ({@code HARBORMASTER_DIGEST_*}). */
@ConfigMapping(prefix = "harbormaster.digest")
public interface DigestSettings {

    /** HARBORMASTER_DIGEST_ENABLED: false sends no scheduled digests (the commands still answer). */
    @WithDefault("true")
    boolean enabled();

    /** HARBORMASTER_DIGEST_LATE_AFTER: a digest sent this long after it was due says it is late, and why. */
    @WithDefault("5m")
    Duration lateAfter();

    /** HARBORMASTER_DIGEST_DORA_WINDOW: the DORA figures in a digest look back this far (weeks are too few deploys). */
    @WithDefault("30d")
    Duration doraWindow();
}
