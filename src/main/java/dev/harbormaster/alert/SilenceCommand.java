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
import java.util.TreeMap;

/** {@code silence <service> <duration>}: asks the approval engine for {@link SilenceAlerts}, like the Silence buttons. */
@ApplicationScoped
public class SilenceCommand implements PlatformCommand {

    @Inject
    ApprovalEngine engine;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return SilenceAlerts.NAME;
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String service = invocation.argument("service");
        String retype = connection.slashCommand() + " silence " + service + " " + invocation.argument("duration")
                + invocation.option("env").map(e -> " --env " + e).orElse("");
        if (invocation.option("reason").filter(r -> !r.isBlank()).isEmpty()) {
            return CommandReply.ephemeral(":memo: Say why: Alertmanager keeps it as the silence's comment. Ask again with `"
                    + dev.harbormaster.command.Mrkdwn.escape(dev.harbormaster.slack.BlockKit.cut(retype, 300)) + " --reason \"…\"`.");
        }
        Map<String, String> parameters = new TreeMap<>();
        parameters.put(SilenceAlerts.SERVICE, service);
        parameters.put(SilenceAlerts.DURATION, invocation.argument("duration"));
        invocation.option("env").ifPresent(env -> parameters.put(SilenceAlerts.ENV, env));
        if (!invocation.options("matcher").isEmpty()) {
            parameters.put(SilenceAlerts.MATCHER, String.join("\n", invocation.options("matcher")));
        }
        String reason = invocation.option("reason").orElseThrow();
        parameters.put(SilenceAlerts.COMMENT, reason);
        return ApprovalReplies.reply(engine.submit(SilenceAlerts.NAME, parameters, invocation.caller().userId(), reason,
                invocation.option("emergency").orElse(null)), retype);
    }
}
