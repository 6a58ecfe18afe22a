package dev.harbormaster.approval;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code approvals}: my pending requests, those waiting for my vote, emergency runs I may review. */
@ApplicationScoped
public class ListApprovals implements PlatformCommand {

    @Inject
    ApprovalEngine engine;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "approvals";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        return ApprovalListMessage.reply(engine.overview(invocation.caller().userId()), connection.slashCommand());
    }
}
