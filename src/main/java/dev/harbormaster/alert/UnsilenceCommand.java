package dev.harbormaster.alert;

import dev.harbormaster.approval.ApprovalEngine;
import dev.harbormaster.approval.ApprovalReplies;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** {@code unsilence <id>}: asks the approval engine for {@link UnsilenceAlerts}, like the Unsilence button. */
@ApplicationScoped
public class UnsilenceCommand implements PlatformCommand {

    @Inject
    ApprovalEngine engine;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return UnsilenceAlerts.NAME;
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String id = invocation.argument("id");
        return ApprovalReplies.reply(engine.submit(UnsilenceAlerts.NAME, Map.of(UnsilenceAlerts.ID, id),
                invocation.caller().userId(), null, null), connection.slashCommand() + " unsilence " + id);
    }
}
