package dev.harbormaster.deployment;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code history <service> --env <env>}: the Deployment's revisions, each with its image, time and who made it. */
@ApplicationScoped
public class ShowHistory implements PlatformCommand {

    static final int RECORDS_LOOKED_AT = 200;

    @Inject
    DeploymentTargets targets;
    @Inject
    WorkloadChanges changes;
    @Inject
    DeploymentRecords records;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "history";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String service = invocation.argument("service");
        try {
            DeploymentTarget target = targets.target(service, invocation.option("env").orElse(null), "history " + service);
            Deployment deployment = targets.deployment(target);
            List<ReplicaSet> revisions = changes.revisions(target, deployment);
            Map<Long, DeploymentRecord> byId = records.recent(target.service().name, target.environment().name, RECORDS_LOOKED_AT)
                    .stream().collect(Collectors.toMap(r -> r.id, Function.identity()));
            return HistoryMessage.reply(target, revisions, WorkloadChanges.currentRevision(deployment, revisions), byId,
                    connection.slashCommand());
        } catch (ActionRefusedException e) {
            return CommandReply.ephemeral(e.getMessage());
        }
    }
}
