package dev.harbormaster.deployment;

import dev.harbormaster.approval.ApprovalEngine;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** {@code deploy}: asks the approval engine for {@link DeployService}; production needs an owner's yes. */
@ApplicationScoped
public class DeployCommand implements PlatformCommand {

    @Inject
    ApprovalEngine engine;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return DeployService.NAME;
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        Map<String, String> p = invocation.arguments();
        String retype = connection.slashCommand() + " deploy " + p.get("service") + " " + p.getOrDefault("version", "<version>") + invocation.option("env").map(e -> " --env " + e).orElse("");
        return DeploymentActionSupport.submit(engine, invocation, retype);
    }
}
