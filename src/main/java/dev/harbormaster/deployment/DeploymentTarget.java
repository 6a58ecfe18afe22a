package dev.harbormaster.deployment;

import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.kubernetes.Workload;

/** A catalog service's environment and the workload that runs it. */
public record DeploymentTarget(Service service, Environment environment, Workload workload) {

    /** "`payments-api` in production (payments/payments-api on eks-eu-1 (simulated cluster))", escaped. */
    public String describe() {
        return Text.code(service.name) + " in " + Text.code(environment.name) + " (" + Mrkdwn.escape(workload.describe()) + ")";
    }
}
