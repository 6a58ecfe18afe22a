package dev.harbormaster.deployment;

import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.approval.ApprovalAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/** {@code restart}: replaces every pod, as {@code kubectl rollout restart} does (a pod-template annotation). */
@ApplicationScoped
public class RestartDeployment implements ApprovalAction {

    public static final String NAME = "restart";

    @Inject
    DeploymentTargets targets;
    @Inject
    WorkloadChanges changes;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ActionTarget target(Map<String, String> parameters) {
        return DeploymentActionSupport.actionTarget(resolve(parameters));
    }

    @Override
    public String describe(Map<String, String> parameters) {
        return "Restart " + Text.code(parameters.get(DeploymentActionSupport.SERVICE)) + " in "
                + Text.code(parameters.get(DeploymentActionSupport.ENV));
    }

    @Override
    public Optional<String> precheck(Map<String, String> parameters) {
        return DeploymentActionSupport.precheck(() -> resolve(parameters));
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        return changes.restart(resolve(parameters), requesterId);
    }

    private DeploymentTarget resolve(Map<String, String> parameters) {
        String service = parameters.get(DeploymentActionSupport.SERVICE);
        return targets.target(service, parameters.get(DeploymentActionSupport.ENV), "restart " + service);
    }
}
