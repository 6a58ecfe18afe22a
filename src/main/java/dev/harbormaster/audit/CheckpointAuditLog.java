package dev.harbormaster.audit;

import dev.harbormaster.catalog.CatalogAuthorization;
import dev.harbormaster.catalog.CatalogSettings;
import dev.harbormaster.catalog.SlackIdentities;
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
    CatalogAuthorization authorization;
    @Inject
    CatalogSettings catalogSettings;
    @Inject
    SlackIdentities identities;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "audit checkpoint";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String userId = invocation.caller().userId();
        if (!authorization.isPlatformAdmin(identities.identify(userId))) {
            return AuditCheckpointMessage.refused(catalogSettings.adminTeam(), connection.slashCommand());
        }
        return AuditCheckpointMessage.made(checkpoints.make(userId), settings.channel(), connection.slashCommand());
    }
}
