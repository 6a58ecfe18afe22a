package dev.harbormaster.deployment;

import dev.harbormaster.approval.ActionParameters;
import dev.harbormaster.approval.ApprovalEngine;
import dev.harbormaster.approval.ApprovalReplies;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;

import java.util.Map;

/** Parameter names of the gated deployment actions, and how their commands submit them. */
final class DeploymentActionSupport {

    static final String SERVICE = "service";
    static final String ENV = "env";

    private DeploymentActionSupport() {
    }

    /** Asks the approval engine and renders its answer; {@code retype} is the line to type again (for a reason). */
    static CommandReply submit(ApprovalEngine engine, CommandInvocation invocation, String retype) {
        Map<String, String> parameters = ActionParameters.from(invocation);
        return ApprovalReplies.reply(engine.submit(invocation.spec().name(), parameters, invocation.caller().userId(),
                invocation.option("reason").orElse(null), invocation.option("emergency").orElse(null)), retype);
    }
}
