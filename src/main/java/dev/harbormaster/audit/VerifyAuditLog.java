package dev.harbormaster.audit;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code audit verify}: checks the whole keyed hash chain against the checkpoints. Open to everyone like the
 * log itself: it shows no entry's content, and whether the log was tampered with is something everyone it
 * records should be able to find out.
 */
@ApplicationScoped
public class VerifyAuditLog implements PlatformCommand {

    @Inject
    AuditVerifier verifier;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "audit verify";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        return AuditVerificationMessage.reply(verifier.verify(), connection.slashCommand());
    }
}
