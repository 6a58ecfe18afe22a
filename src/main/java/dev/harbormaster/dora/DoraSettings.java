package dev.harbormaster.dora;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** Settings of the DORA reports ({@code HARBORMASTER_DORA_*}). */
@ConfigMapping(prefix = "harbormaster.dora")
public interface DoraSettings {

    /** HARBORMASTER_DORA_PRODUCTION_ENVIRONMENTS: the environment names whose changes count (DORA measures production). */
    @WithDefault("production,prod")
    List<String> productionEnvironments();
}
