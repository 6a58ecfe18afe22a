package dev.harbormaster.deployment;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code status <service> [--env]}: what runs in each environment, how far its rollout is, and the last change. */
@ApplicationScoped
public class ShowStatus implements PlatformCommand {

    @Inject
    DeploymentTargets targets;
    @Inject
    DeploymentRecords records;

    @Override
    public String name() {
        return "status";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String serviceName = invocation.argument("service");
        try {
            Service service = targets.service(serviceName);
            List<String> environments = invocation.option("env").map(List::of)
                    .orElse(service.environments.stream().map(e -> e.name).toList());
            if (environments.isEmpty()) {
                throw new ActionRefusedException(Text.code(service.name) + " has no environments in the catalog.");
            }
            List<StatusMessage.EnvironmentStatus> rows = new ArrayList<>();
            for (String environment : environments) {
                DeploymentTarget target = targets.target(service.name, environment, "status " + service.name);
                rows.add(row(target));
            }
            return StatusMessage.reply(service.name, rows);
        } catch (ActionRefusedException e) {
            return CommandReply.ephemeral(e.getMessage());
        }
    }

    private StatusMessage.EnvironmentStatus row(DeploymentTarget target) {
        try {
            Deployment deployment = targets.deployment(target);
            Optional<DeploymentRecord> last = records.recent(target.service().name, target.environment().name, 1).stream().findFirst();
            return new StatusMessage.EnvironmentStatus(target, deployment, last.orElse(null), null);
        } catch (ActionRefusedException e) {
            return new StatusMessage.EnvironmentStatus(target, null, null, e.getMessage());
        }
    }
}
