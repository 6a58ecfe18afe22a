package dev.harbormaster.addon;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.approval.ApprovalAction;
import dev.harbormaster.kubernetes.EnvironmentLocations;
import dev.harbormaster.command.Mrkdwn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/**
 * {@code addon create}: policies see the service, its owning team, the environment and the tier. Running it only
 * starts the provision; the worker does the broker calls and reports in the progress message.
 */
@ApplicationScoped
public class CreateAddon implements ApprovalAction {

    public static final String NAME = "addon create";

    @Inject
    AddonRequests requests;
    @Inject
    AddonLifecycle lifecycle;
    @Inject
    AddonWorker worker;
    @Inject
    EnvironmentLocations locations;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ActionTarget target(Map<String, String> parameters) {
        AddonRequest request = checked(parameters);
        return new ActionTarget(request.workload().service(), request.team(), request.workload().environment(),
                request.tier(), locations.namesOf(request.workload().cluster(), request.workload().namespace(),
                request.workload().environment()));
    }

    @Override
    public String describe(Map<String, String> parameters) {
        StringBuilder text = new StringBuilder("Create add-on ").append(Mrkdwn.code(parameters.get(AddonRequests.NAME)))
                .append(" (").append(Mrkdwn.escape(parameters.get(AddonRequests.OFFERING))).append(' ')
                .append(Mrkdwn.escape(parameters.get(AddonRequests.PLAN))).append(") for ")
                .append(Mrkdwn.code(parameters.get(AddonRequests.SERVICE))).append(" in ")
                .append(Mrkdwn.code(parameters.get(AddonRequests.ENV)));
        String params = parameters.get(AddonRequests.PARAMS);
        if (params != null && !params.equals("{}")) {
            text.append(" with parameters ").append(Mrkdwn.code(params, 2000));
        }
        return text.toString();
    }

    @Override
    public Optional<String> precheck(Map<String, String> parameters) {
        AddonRequests.Checked checked = requests.check(parameters);
        return checked.ok() ? Optional.empty() : Optional.of(checked.message());
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        AddonRequest request = checked(parameters);
        AddonInstance addon = lifecycle.startProvision(request, requesterId, parameters.get(AddonRequests.CHANNEL));
        worker.wake();
        return "Creating add-on " + Mrkdwn.code(addon.name) + " (" + Mrkdwn.escape(addon.offering) + " "
                + Mrkdwn.escape(addon.plan) + ") for " + Mrkdwn.code(addon.service) + " in " + Mrkdwn.code(addon.environment)
                + "; its credentials will be in Secret " + Mrkdwn.code(addon.secretName) + " in namespace "
                + Mrkdwn.code(addon.namespace) + (request.workload().simulated() ? " (simulated cluster)" : "")
                + ". Progress: " + channelMention(addon.channel) + ".";
    }

    private AddonRequest checked(Map<String, String> parameters) {
        AddonRequests.Checked checked = requests.check(parameters);
        if (!checked.ok()) {
            throw new ActionRefusedException(checked.message());
        }
        return checked.request();
    }

    static String channelMention(String channel) {
        if (channel.startsWith("U") || channel.startsWith("W")) {
            return "your direct messages";
        }
        return channel.matches("[CGD][A-Z0-9]+") ? "<#" + channel + ">" : "#" + Mrkdwn.escape(channel);
    }
}
