package dev.harbormaster.catalog;

import dev.harbormaster.approval.ActionParameters;
import dev.harbormaster.approval.ApprovalEngine;
import dev.harbormaster.approval.ApprovalReplies;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** {@code service delete <name>}: asks the approval engine; tier-1 services cannot be deleted from chat. */
@ApplicationScoped
public class DeleteServiceCommand implements PlatformCommand {

    @Inject
    ApprovalEngine engine;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return DeleteService.NAME;
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        Map<String, String> parameters = ActionParameters.from(invocation);
        return ApprovalReplies.reply(engine.submit(name(), parameters, invocation.caller().userId(),
                invocation.option("reason").orElse(null), invocation.option("emergency").orElse(null)),
                connection.slashCommand() + " service delete " + parameters.get("name"));
    }
}
