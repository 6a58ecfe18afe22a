package dev.harbormaster.deployment;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.approval.ApprovalAction;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code deploy}: runs another version (image tag) of a service; the repository comes from the catalog. */
@ApplicationScoped
public class DeployService implements ApprovalAction {

    public static final String NAME = "deploy";

    @Inject
    DeploymentTargets targets;
    @Inject
    WorkloadChanges changes;
    @Inject
    DeploymentSettings settings;
    @Inject
    SlackConnection connection;

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
        return "Deploy " + Text.code(parameters.get(DeploymentActionSupport.SERVICE)) + " "
                + Text.code(parameters.get("version")) + " to " + Text.code(parameters.get(DeploymentActionSupport.ENV));
    }

    @Override
    public Optional<String> precheck(Map<String, String> parameters) {
        return DeploymentActionSupport.precheck(() -> resolve(parameters));
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        return changes.deploy(resolve(parameters), parameters.get("version"), requesterId);
    }

    private DeploymentTarget resolve(Map<String, String> parameters) {
        String service = parameters.get(DeploymentActionSupport.SERVICE);
        String version = parameters.get("version");
        DeploymentTarget target = targets.target(service, parameters.get(DeploymentActionSupport.ENV),
                "deploy " + service + " " + version);
        if (version == null || !Pattern.matches(settings.tagPattern(), version)) {
            throw new ActionRefusedException(Text.code(version == null ? "" : version) + " is not a version I can deploy: "
                    + "an image tag is up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'. "
                    + "For example `" + connection.slashCommand() + " deploy " + Text.escape(service) + " 1.4.2 --env "
                    + Text.escape(target.environment().name) + "`.");
        }
        return target;
    }
}
