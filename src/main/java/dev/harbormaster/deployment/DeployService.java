package dev.harbormaster.deployment;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.regex.Pattern;

/** {@code deploy}: runs another version (image tag) of a service; the repository comes from the catalog. */
@ApplicationScoped
public class DeployService extends WorkloadAction {

    public static final String NAME = "deploy";

    @Inject
    DeploymentSettings settings;
    @Inject
    SlackConnection connection;

    public DeployService() {
        super(NAME);
    }

    @Override
    public String describe(Map<String, String> parameters) {
        return "Deploy " + Text.code(parameters.get(DeploymentActionSupport.SERVICE)) + " "
                + Text.code(parameters.get("version")) + " to " + Text.code(parameters.get(DeploymentActionSupport.ENV));
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        return changes.deploy(resolve(parameters), parameters.get("version"), requesterId);
    }

    @Override
    DeploymentTarget resolve(Map<String, String> parameters) {
        String service = parameters.get(DeploymentActionSupport.SERVICE);
        String version = parameters.get("version");
        DeploymentTarget target = targets.target(service, parameters.get(DeploymentActionSupport.ENV),
                "deploy " + service + " " + version);
        if (version == null || !Pattern.matches(settings.tagPattern(), version)) {
            throw new ActionRefusedException(Text.code(version == null ? "" : version) + " is not a version I can deploy: "
                    + "an image tag is up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'. "
                    + "For example `" + connection.slashCommand() + " deploy " + Mrkdwn.escape(service) + " 1.4.2 --env "
                    + Mrkdwn.escape(target.environment().name) + "`.");
        }
        return target;
    }
}
