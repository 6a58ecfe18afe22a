package dev.harbormaster.deployment;

import dev.harbormaster.approval.ApprovalEngine;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** {@code scale}: asks the approval engine for {@link ScaleDeployment}; production needs an owner's yes. */
@ApplicationScoped
public class ScaleCommand implements PlatformCommand {

    @Inject
    ApprovalEngine engine;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return ScaleDeployment.NAME;
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        Map<String, String> p = invocation.arguments();
        String retype = connection.slashCommand() + " scale " + p.get("service") + " " + p.get("replicas") + invocation.option("env").map(e -> " --env " + e).orElse("");
        return DeploymentActionSupport.submit(engine, invocation, retype);
    }
}
