package dev.harbormaster.command;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Placeholder until the command-spec work lands: see the issue. */
@ApplicationScoped
public class CommandRegistry {

    public List<CommandSpec> specs() {
        throw new UnsupportedOperationException("not built yet");
    }

    public Optional<CommandSpec> spec(String name) {
        throw new UnsupportedOperationException("not built yet");
    }

    public PlatformCommand handler(CommandSpec spec) {
        throw new UnsupportedOperationException("not built yet");
    }

    public CommandLine parse(String text) {
        throw new UnsupportedOperationException("not built yet");
    }
}
