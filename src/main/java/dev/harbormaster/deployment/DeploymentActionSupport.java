package dev.harbormaster.deployment;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.approval.ApprovalReplies;
import dev.harbormaster.approval.ApprovalEngine;
import dev.harbormaster.approval.ActionParameters;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** What the four gated deployment actions and their commands share. */
final class DeploymentActionSupport {

    static final String SERVICE = "service";
    static final String ENV = "env";

    private DeploymentActionSupport() {
    }

    static ActionTarget actionTarget(DeploymentTarget target) {
        return new ActionTarget(target.service().name, target.service().ownerTeam, target.environment().name,
                target.service().tier);
    }

    /** Empty when {@code check} passes, else its refusal's message. */
    static Optional<String> precheck(Supplier<?> check) {
        try {
            check.get();
            return Optional.empty();
        } catch (ActionRefusedException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Asks the approval engine and renders its answer; {@code retype} is the line to type again (for a reason). */
    static CommandReply submit(ApprovalEngine engine, CommandInvocation invocation, String retype) {
        Map<String, String> parameters = ActionParameters.from(invocation);
        return ApprovalReplies.reply(engine.submit(invocation.spec().name(), parameters, invocation.caller().userId(),
                invocation.option("reason").orElse(null), invocation.option("emergency").orElse(null)), retype);
    }
}
