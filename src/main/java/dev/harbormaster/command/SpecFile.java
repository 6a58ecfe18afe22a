package dev.harbormaster.command;

/** A spec together with where it was read from ({@code commands/service.yaml}), for error messages. */
public record SpecFile(String source, CommandSpec spec) {
}
