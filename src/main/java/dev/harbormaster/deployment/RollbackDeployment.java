package dev.harbormaster.deployment;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.approval.ApprovalAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/** {@code rollback}: puts back the pod template of an earlier revision (by default the one before the current). */
@ApplicationScoped
public class RollbackDeployment implements ApprovalAction {

    public static final String NAME = "rollback";

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
        resolveRevision(parameters);
        return DeploymentActionSupport.actionTarget(resolve(parameters));
    }

    @Override
    public String describe(Map<String, String> parameters) {
        String to = parameters.get("to");
        return "Roll back " + Text.code(parameters.get(DeploymentActionSupport.SERVICE)) + " in "
                + Text.code(parameters.get(DeploymentActionSupport.ENV))
                + (to == null ? " to the previous revision" : " to revision " + Text.escape(to));
    }

    @Override
    public Optional<String> precheck(Map<String, String> parameters) {
        return DeploymentActionSupport.precheck(() -> target(parameters));
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        return changes.rollback(resolve(parameters), resolveRevision(parameters), requesterId);
    }

    private DeploymentTarget resolve(Map<String, String> parameters) {
        String service = parameters.get(DeploymentActionSupport.SERVICE);
        return targets.target(service, parameters.get(DeploymentActionSupport.ENV), "rollback " + service);
    }

    private static Long resolveRevision(Map<String, String> parameters) {
        String to = parameters.get("to");
        if (to == null) {
            return null;
        }
        if (!to.matches("[1-9]\\d{0,17}")) {
            throw new ActionRefusedException(Text.code(to) + " is not a revision: type the number `history` shows, e.g. `--to 3`.");
        }
        return Long.parseLong(to);
    }
}
