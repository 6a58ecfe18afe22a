package dev.harbormaster.approval;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code reject <id> <reason>}: the text twin of the Reject button and its form. */
@ApplicationScoped
public class RejectRequest implements PlatformCommand {

    @Inject
    ApprovalEngine engine;

    @Override
    public String name() {
        return "reject";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        long id = Long.parseLong(invocation.argument("id"));
        return CommandReply.ephemeral(engine.vote(id, invocation.caller().userId(), false, invocation.argument("reason")).message());
    }
}
