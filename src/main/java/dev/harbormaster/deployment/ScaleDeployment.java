package dev.harbormaster.deployment;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.command.Mrkdwn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * {@code scale}: sets a Deployment's replicas within the catalog's min and max for that environment; 0 stops it,
 * except where {@code harbormaster.deployments.scale-to-zero-refused-in} says no. That refusal is made here, not
 * by a policy's {@code deny}, because policies match on action, environment, tier and team and cannot see the
 * number of replicas asked for.
 */
@ApplicationScoped
public class ScaleDeployment extends WorkloadAction {

    public static final String NAME = "scale";

    @Inject
    DeploymentSettings settings;

    public ScaleDeployment() {
        super(NAME);
    }

    @Override
    public String describe(Map<String, String> parameters) {
        return "Scale " + Text.code(parameters.get(DeploymentActionSupport.SERVICE)) + " in "
                + Text.code(parameters.get(DeploymentActionSupport.ENV)) + " to " + Mrkdwn.escape(parameters.get("replicas"))
                + " replicas";
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        return changes.scale(resolve(parameters), Integer.parseInt(parameters.get("replicas")), requesterId);
    }

    @Override
    DeploymentTarget resolve(Map<String, String> parameters) {
        String service = parameters.get(DeploymentActionSupport.SERVICE);
        String typed = parameters.get("replicas");
        DeploymentTarget target = targets.target(service, parameters.get(DeploymentActionSupport.ENV),
                "scale " + service + " " + typed);
        int replicas;
        try {
            replicas = Integer.parseInt(typed);
        } catch (NumberFormatException e) {
            throw new ActionRefusedException(Text.code(typed == null ? "" : typed) + " is not a number of replicas; type a whole number.");
        }
        Integer min = target.environment().replicasMin;
        Integer max = target.environment().replicasMax;
        String where = Text.code(target.service().name) + " in " + Text.code(target.environment().name);
        if (replicas < 0) {
            throw new ActionRefusedException("Replicas cannot be negative; type a whole number from 0.");
        }
        if (max != null && replicas > max) {
            throw new ActionRefusedException("The catalog allows at most " + max + " replicas for " + where
                    + "; " + replicas + " is above that limit. Ask for " + max + " or fewer, or raise the catalog's maximum first.");
        }
        if (replicas == 0 && names(target).stream().anyMatch(settings.scaleToZeroRefusedIn()::contains)) {
            throw new ActionRefusedException("Scaling " + where + " to 0 is not done from chat: it takes the service down in "
                    + Text.code(target.environment().name) + ". If that is really wanted, ask the platform team in #platform.");
        }
        if (replicas > 0 && min != null && replicas < min) {
            // Offer 0 only where scaling to zero is allowed; in production it is refused just above.
            String orStop = names(target).stream().anyMatch(settings.scaleToZeroRefusedIn()::contains) ? "" : " (or 0 to stop it)";
            throw new ActionRefusedException("The catalog wants at least " + min + " replicas for " + where
                    + "; " + replicas + " is below that limit. Ask for " + min + " or more" + orStop + ".");
        }
        return target;
    }
}
