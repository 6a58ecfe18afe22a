package dev.harbormaster.audit;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code audit checkpoint}: checkpoints the chain's head now, for example before and after maintenance on the
 * database. Platform admins only, since every checkpoint is a message in the audit channel.
 */
@ApplicationScoped
public class CheckpointAuditLog implements PlatformCommand {

    @Inject
    AuditCheckpoints checkpoints;
    @Inject
    AuditSettings settings;
    @Inject
    AuditedCatalog catalog;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "audit checkpoint";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String userId = invocation.caller().userId();
        if (!catalog.isPlatformAdmin(userId)) {
            return AuditCheckpointMessage.refused(catalog.adminTeam(), connection.slashCommand());
        }
        return AuditCheckpointMessage.made(checkpoints.make(userId), settings.channel(), connection.slashCommand());
    }
}
