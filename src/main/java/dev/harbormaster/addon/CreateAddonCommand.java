package dev.harbormaster.addon;

import dev.harbormaster.approval.ApprovalEngine;
import dev.harbormaster.approval.ApprovalReplies;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.notify.SlackGateway;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code addon create}: checks the request (nothing is stored when it is wrong), then asks the approval engine.
 * Alone, it opens the form.
 */
@ApplicationScoped
public class CreateAddonCommand implements PlatformCommand {

    @Inject
    AddonRequests requests;
    @Inject
    AddonCatalog catalog;
    @Inject
    ApprovalEngine engine;
    @Inject
    SlackGateway gateway;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return CreateAddon.NAME;
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String slash = connection.slashCommand();
        if (invocation.arguments().isEmpty() && invocation.option("service").isEmpty()
                && invocation.option("env").isEmpty() && invocation.options("param").isEmpty()) {
            return openForm(invocation);
        }
        String example = "`" + slash + " addon create postgresql small orders-db --service payments-api --env production`";
        if (invocation.argument("name") == null) {
            return CommandReply.ephemeral("Give the offering, the plan and a name, e.g. " + example
                    + " (`" + slash + " addons` lists what there is), or run `" + slash + " addon create` alone for a form.");
        }
        Map<String, String> raw = AddonRequests.splitParams(invocation.options("param"));
        if (raw == null) {
            return CommandReply.ephemeral("Write each parameter as `--param path=value`, e.g. `--param connection_limit=10`"
                    + " or `--param backup.retention_days=7`; a list or an object as JSON, e.g. `--param 'tags=[\"a\"]'`.");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(AddonRequests.OFFERING, invocation.argument("offering"));
        parameters.put(AddonRequests.PLAN, invocation.argument("plan"));
        parameters.put(AddonRequests.NAME, invocation.argument("name"));
        invocation.option("service").ifPresent(s -> parameters.put(AddonRequests.SERVICE, s));
        invocation.option("env").ifPresent(e -> parameters.put(AddonRequests.ENV, e));
        parameters.put(AddonRequests.PARAMS, AddonRequests.paramsJson(raw));
        if (invocation.caller().channelId() != null) {
            parameters.put(AddonRequests.CHANNEL, invocation.caller().channelId());
        }
        AddonRequests.Checked checked = requests.check(parameters);
        if (!checked.ok()) {
            return CommandReply.ephemeral(checked.message());
        }
        String retype = slash + " addon create " + String.join(" ", invocation.argument("offering"),
                invocation.argument("plan"), invocation.argument("name")) + " --service " + parameters.get(AddonRequests.SERVICE)
                + " --env " + parameters.get(AddonRequests.ENV);
        return ApprovalReplies.reply(engine.submit(name(), Map.copyOf(parameters), invocation.caller().userId(),
                invocation.option("reason").orElse(null), invocation.option("emergency").orElse(null)), retype);
    }

    private CommandReply openForm(CommandInvocation invocation) {
        try {
            gateway.openView(invocation.caller().triggerId(),
                    AddonCreateModal.form(catalog.offerings(), null, PlanSchemaForm.of(null), invocation.caller().channelId()));
            return CommandReply.nothing();
        } catch (SlackGateway.SlackCallFailed e) {
            return CommandReply.ephemeral(":warning: Slack would not open the form (" + Mrkdwn.escape(e.error())
                    + "). Run the command again; forms must open within 3 seconds of it.");
        }
    }
}
