package dev.harbormaster.approval;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code approvals cancel <id> [reason]}: the requester withdraws a pending request. */
@ApplicationScoped
public class CancelApproval implements PlatformCommand {

    @Inject
    ApprovalEngine engine;

    @Override
    public String name() {
        return "approvals cancel";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        long id = Long.parseLong(invocation.argument("id"));
        return CommandReply.ephemeral(engine.cancel(id, invocation.caller().userId(),
                invocation.optionalArgument("reason").orElse(null)).message());
    }
}
