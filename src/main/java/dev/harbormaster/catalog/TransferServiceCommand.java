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

/** {@code service transfer <name> --to <team>}: asks the approval engine, which asks the current owners. */
@ApplicationScoped
public class TransferServiceCommand implements PlatformCommand {

    @Inject
    ApprovalEngine engine;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return TransferService.NAME;
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        Map<String, String> parameters = ActionParameters.from(invocation);
        String retype = connection.slashCommand() + " service transfer " + parameters.get("name") + " --to "
                + parameters.getOrDefault("to", "<team>");
        return ApprovalReplies.reply(engine.submit(name(), parameters, invocation.caller().userId(),
                invocation.option("reason").orElse(null), invocation.option("emergency").orElse(null)), retype);
    }
}
