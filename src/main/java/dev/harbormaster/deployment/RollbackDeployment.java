package dev.harbormaster.deployment;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.command.Mrkdwn;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** {@code rollback}: puts back the pod template of an earlier revision (by default the one before the current). */
@ApplicationScoped
public class RollbackDeployment extends WorkloadAction {

    public static final String NAME = "rollback";

    public RollbackDeployment() {
        super(NAME);
    }

    @Override
    public ActionTarget target(Map<String, String> parameters) {
        resolveRevision(parameters);
        return super.target(parameters);
    }

    @Override
    public String describe(Map<String, String> parameters) {
        String to = parameters.get("to");
        return "Roll back " + Text.code(parameters.get(DeploymentActionSupport.SERVICE)) + " in "
                + Text.code(parameters.get(DeploymentActionSupport.ENV))
                + (to == null ? " to the previous revision" : " to revision " + Mrkdwn.escape(to));
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        return changes.rollback(resolve(parameters), resolveRevision(parameters), requesterId);
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
