package dev.harbormaster.command;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.Optional;

/** Where the command specs come from. */
@ConfigMapping(prefix = "harbormaster.commands")
public interface CommandSettings {

    /**
     * HARBORMASTER_COMMANDS_DIR: a directory of {@code *.yaml} specs (in Kubernetes, the mounted ConfigMap).
     * Unset: the {@code commands/} folder packaged with the application.
     */
    Optional<Path> dir();
}
