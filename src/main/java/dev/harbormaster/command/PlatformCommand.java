package dev.harbormaster.command;

/**
 * Implements one subcommand. Exactly one CDI bean per spec in {@code commands/}: the registry fails
 * the start-up when a spec has no handler, a handler has no spec, or two handlers claim one name.
 */
public interface PlatformCommand {

    /** The {@link CommandSpec#name()} this handler implements. */
    String name();

    /**
     * Runs the command. Arguments and options are already validated against the spec. Runs with a
     * request context active but outside a transaction: open one where the command writes.
     */
    CommandReply execute(CommandInvocation invocation) throws Exception;
}
