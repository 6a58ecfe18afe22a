package dev.harbormaster.addon;

import dev.harbormaster.approval.ApprovalEngine;
import dev.harbormaster.approval.ApprovalReplies;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code addon delete <name>}: asks the approval engine, which asks the service's owners in production. */
@ApplicationScoped
public class DeleteAddonCommand implements PlatformCommand {

    @Inject
    ApprovalEngine engine;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return DeleteAddon.NAME;
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(AddonRequests.NAME, invocation.argument("name"));
        if (invocation.caller().channelId() != null) {
            parameters.put(AddonRequests.CHANNEL, invocation.caller().channelId());
        }
        return ApprovalReplies.reply(engine.submit(name(), Map.copyOf(parameters), invocation.caller().userId(),
                invocation.option("reason").orElse(null), invocation.option("emergency").orElse(null)),
                connection.slashCommand() + " addon delete " + invocation.argument("name"));
    }
}
