package dev.harbormaster.deployment;

import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.approval.ApprovalAction;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.kubernetes.EnvironmentLocations;
import dev.harbormaster.slack.SlackConnection;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Set;

/**
 * What the gated deployment actions share: a request names a service and an environment, which resolve to a
 * workload (refused with a message for the user when they do not), and that workload is the policy target and what
 * the pre-run check re-resolves.
 */
abstract class WorkloadAction implements ApprovalAction {

    @Inject
    DeploymentTargets targets;
    @Inject
    WorkloadChanges changes;
    @Inject
    EnvironmentLocations locations;
    @Inject
    SlackConnection connection;

    private final String name;

    WorkloadAction(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** The workload the parameters name, checked with the action's own rules on top. */
    DeploymentTarget resolve(Map<String, String> parameters) {
        String service = parameters.get(DeploymentActionSupport.SERVICE);
        return targets.target(service, parameters.get(DeploymentActionSupport.ENV), name + " " + service);
    }

    /**
     * Policies see the environment under every name its workload location has had, so renaming {@code production}
     * or pointing another environment at its namespace does not escape the policies written for it.
     */
    @Override
    public ActionTarget target(Map<String, String> parameters) {
        DeploymentTarget target = resolve(parameters);
        return new ActionTarget(target.service().name, target.service().ownerTeam, target.environment().name,
                target.service().tier, names(target));
    }

    /** Setting an image, a replica count or a revision again changes nothing more; a restart says otherwise. */
    @Override
    public boolean repeatable() {
        return true;
    }

    @Override
    public String whatToCheck(Map<String, String> parameters) {
        String workload = parameters.get(DeploymentActionSupport.SERVICE) + " --env " + parameters.get(DeploymentActionSupport.ENV);
        return "See what runs now with " + Mrkdwn.code(connection.slashCommand() + " status " + workload) + " and "
                + Mrkdwn.code(connection.slashCommand() + " history " + workload) + ".";
    }

    Set<String> names(DeploymentTarget target) {
        return locations.namesOf(target.workload().cluster(), target.workload().namespace(), target.environment().name);
    }
}
