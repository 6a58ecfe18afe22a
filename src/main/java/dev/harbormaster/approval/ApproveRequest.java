package dev.harbormaster.approval;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code approve <id>}: the text twin of the Approve button, with the same checks. */
@ApplicationScoped
public class ApproveRequest implements PlatformCommand {

    @Inject
    ApprovalEngine engine;

    @Override
    public String name() {
        return "approve";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        long id = Long.parseLong(invocation.argument("id"));
        return CommandReply.ephemeral(engine.vote(id, invocation.caller().userId(), true, null).message());
    }
}
