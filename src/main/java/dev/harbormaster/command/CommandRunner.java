package dev.harbormaster.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

/** Runs a handler on a worker thread with a CDI request context, so Panache reads work there. */
@ApplicationScoped
public class CommandRunner {

    @ActivateRequestContext
    public CommandReply run(PlatformCommand handler, CommandInvocation invocation) throws Exception {
        return handler.execute(invocation);
    }
}
