package dev.harbormaster.audit;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * {@code audit [service] [--limit N]}: who did what, newest first. Everyone may read it: the audit trail is
 * there so that changes to the platform are visible to the people they affect.
 */
@ApplicationScoped
public class ShowAuditLog implements PlatformCommand {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    @Inject
    AuditTrail auditTrail;
    @Inject
    AuditedCatalog catalog;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        int limit = invocation.intOption("limit").orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            return AuditLogMessage.limitOutOfRange(limit, MAX_LIMIT, connection.slashCommand());
        }
        String service = invocation.optionalArgument("service").map(String::trim).orElse(null);
        if (service == null) {
            return AuditLogMessage.reply(auditTrail.latest(limit), null, limit, MAX_LIMIT, connection.slashCommand());
        }
        List<AuditEntry> entries = auditTrail.latestConcerning(service, limit);
        // A service removed from the catalog keeps its history; only a name with neither is a typo.
        if (entries.isEmpty() && !catalog.hasService(service)) {
            return AuditLogMessage.unknownService(service, catalog.serviceNamesLike(service), connection.slashCommand());
        }
        return AuditLogMessage.reply(entries, service, limit, MAX_LIMIT, connection.slashCommand());
    }
}
