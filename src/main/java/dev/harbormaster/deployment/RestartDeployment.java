package dev.harbormaster.deployment;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** {@code restart}: replaces every pod, as {@code kubectl rollout restart} does (a pod-template annotation). */
@ApplicationScoped
public class RestartDeployment extends WorkloadAction {

    public static final String NAME = "restart";

    public RestartDeployment() {
        super(NAME);
    }

    @Override
    public String describe(Map<String, String> parameters) {
        return "Restart " + Text.code(parameters.get(DeploymentActionSupport.SERVICE)) + " in "
                + Text.code(parameters.get(DeploymentActionSupport.ENV));
    }

    /** A second restart replaces every pod again: not something to do unasked. */
    @Override
    public boolean repeatable() {
        return false;
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        return changes.restart(resolve(parameters), requesterId);
    }
}
