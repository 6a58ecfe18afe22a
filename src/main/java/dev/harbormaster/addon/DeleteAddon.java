package dev.harbormaster.addon;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.approval.ApprovalAction;
import dev.harbormaster.kubernetes.EnvironmentLocations;
import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.Suggestions;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.Optional;

/** {@code addon delete}: unbind, delete the Secret, deprovision. Policies see the add-on's service and environment. */
@ApplicationScoped
public class DeleteAddon implements ApprovalAction {

    public static final String NAME = "addon delete";

    @Inject
    AddonInstanceRepository instances;
    @Inject
    AddonLifecycle lifecycle;
    @Inject
    AddonWorker worker;
    @Inject
    Catalog catalog;
    @Inject
    EnvironmentLocations locations;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    @Transactional
    public ActionTarget target(Map<String, String> parameters) {
        AddonInstance addon = existing(parameters.get(AddonRequests.NAME));
        if (addon.state.busy() || addon.step != null) {
            throw new ActionRefusedException(AddonLifecycle.busy(addon, connection.slashCommand()));
        }
        Optional<Service> service = catalog.service(addon.service);
        String team = service.map(s -> s.ownerTeam).orElse(addon.team);
        return new ActionTarget(addon.service, team, addon.environment, service.map(s -> s.tier).orElse(null),
                locations.namesOf(addon.cluster, addon.namespace, addon.environment));
    }

    @Override
    @Transactional
    public String describe(Map<String, String> parameters) {
        AddonInstance addon = existing(parameters.get(AddonRequests.NAME));
        return "Delete add-on " + Mrkdwn.code(addon.name) + " (" + Mrkdwn.escape(addon.offering) + " "
                + Mrkdwn.escape(addon.plan) + ") of " + Mrkdwn.code(addon.service) + " in " + Mrkdwn.code(addon.environment)
                + ", with its credentials and Secret " + Mrkdwn.code(addon.secretName);
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        AddonInstance addon = lifecycle.startDelete(parameters.get(AddonRequests.NAME), requesterId,
                parameters.get(AddonRequests.CHANNEL));
        worker.wake();
        return "Deleting add-on " + Mrkdwn.code(addon.name) + " of " + Mrkdwn.code(addon.service) + " in "
                + Mrkdwn.code(addon.environment) + ". Progress: " + CreateAddon.channelMention(addon.channel) + ".";
    }

    private AddonInstance existing(String name) {
        if (name == null || name.isBlank()) {
            throw new ActionRefusedException("Say which add-on: `" + connection.slashCommand() + " addon delete <name>`.");
        }
        return instances.live(name).orElseThrow(() -> new ActionRefusedException(notFound(name)));
    }

    String notFound(String name) {
        String hint = Suggestions.didYouMean(name, instances.liveOf(null, null).stream().map(a -> a.name).toList());
        return "No add-on " + Mrkdwn.echo(name) + "." + (hint.isEmpty() ? "" : " " + hint) + " See them with `"
                + connection.slashCommand() + " addon list`.";
    }
}
