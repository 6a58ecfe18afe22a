package dev.harbormaster.deployment;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.Suggestions;
import dev.harbormaster.kubernetes.ClusterUnavailableException;
import dev.harbormaster.kubernetes.Clusters;
import dev.harbormaster.catalog.KubernetesNames;
import dev.harbormaster.kubernetes.SimulatedWorkloads;
import dev.harbormaster.kubernetes.Workload;
import dev.harbormaster.kubernetes.WorkloadLocator;
import dev.harbormaster.slack.SlackConnection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Turns what a user typed (service, environment) into a workload, or refuses with a message that says what to
 * type instead. In simulated mode a missing Deployment is created from the catalog first, so the sandbox keeps
 * working after a reset or a catalog import.
 */
@ApplicationScoped
public class DeploymentTargets {

    private static final String NAME_LABEL = "app.kubernetes.io/name";

    @Inject
    Catalog catalog;
    @Inject
    WorkloadLocator locator;
    @Inject
    Clusters clusters;
    @Inject
    SimulatedWorkloads simulatedWorkloads;
    @Inject
    SlackConnection connection;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Service service(String name) {
        if (name == null || !KubernetesNames.isDns1123Subdomain(name)) {
            throw new ActionRefusedException(Mrkdwn.echo(name == null ? "" : name)
                    + " is not a service name: lower-case letters, digits and '-' only. List services with `"
                    + connection.slashCommand() + " services`.");
        }
        return catalog.service(name).orElseThrow(() -> {
            String didYouMean = Suggestions.didYouMean(name, catalog.serviceNamesLike(name));
            return new ActionRefusedException("No service named " + Text.code(name) + "."
                    + (didYouMean.isEmpty() ? "" : " " + didYouMean) + " List services with `" + connection.slashCommand()
                    + " services`.");
        });
    }

    /** @param usage the command line to show when the environment is missing, e.g. {@code deploy payments-api 1.4.2} */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DeploymentTarget target(String serviceName, String environmentName, String usage) {
        Service service = service(serviceName);
        List<String> environments = locator.environments(service);
        if (environments.isEmpty()) {
            throw new ActionRefusedException(Text.code(service.name) + " has no environments in the catalog, so it runs "
                    + "nowhere Harbormaster knows. Add `spec.harbormaster.environments` to its descriptor.");
        }
        if (environmentName == null || environmentName.isBlank()) {
            throw new ActionRefusedException("Say which environment: `" + connection.slashCommand() + " " + Mrkdwn.escape(usage)
                    + " --env <" + String.join("|", environments) + ">`.");
        }
        if (!KubernetesNames.isDns1123Label(environmentName) || !environments.contains(environmentName)) {
            String didYouMean = Suggestions.didYouMean(environmentName, environments);
            throw new ActionRefusedException(Text.code(service.name) + " has no environment " + Text.code(environmentName)
                    + "; it has " + String.join(", ", environments.stream().map(Text::code).toList()) + "."
                    + (didYouMean.isEmpty() ? "" : " " + didYouMean));
        }
        Environment environment = service.environments.stream().filter(e -> e.name.equals(environmentName)).findFirst()
                .orElseThrow();
        WorkloadLocator.Located located = locator.locate(service, environmentName);
        if (located instanceof WorkloadLocator.Located.Problem problem) {
            throw new ActionRefusedException("I cannot find where " + Text.code(service.name) + " runs: " + problem.message() + ".");
        }
        return new DeploymentTarget(service, environment, byLabelWhenNotByName(((WorkloadLocator.Located.Found) located).workload()));
    }

    /**
     * The catalog names the Deployment (its kubernetes-id, else the service name); a team whose Deployment is named
     * otherwise is still found when exactly one Deployment in the namespace carries that name as its
     * {@code app.kubernetes.io/name} label. A cluster that does not answer here is reported later, by the call that
     * needs it.
     */
    private Workload byLabelWhenNotByName(Workload workload) {
        try {
            KubernetesClient client = clusters.client(workload.cluster());
            if (client.apps().deployments().inNamespace(workload.namespace()).withName(workload.deploymentName())
                    .get() != null) {
                return workload;
            }
            List<Deployment> labelled = client.apps().deployments().inNamespace(workload.namespace())
                    .withLabel(NAME_LABEL, workload.deploymentName()).list().getItems();
            return labelled.size() != 1 ? workload : new Workload(workload.service(), workload.environment(),
                    workload.cluster(), workload.namespace(), labelled.get(0).getMetadata().getName(), workload.simulated());
        } catch (KubernetesClientException | ClusterUnavailableException e) {
            return workload;
        }
    }

    /** The Deployment as the cluster has it now; refuses when the cluster cannot be reached or it is not there. */
    public Deployment deployment(DeploymentTarget target) {
        if (clusters.simulated()) {
            simulatedWorkloads.ensure(target.service(), target.workload());
        }
        try {
            Deployment deployment = client(target).apps().deployments().inNamespace(target.workload().namespace())
                    .withName(target.workload().deploymentName()).get();
            if (deployment == null) {
                throw new ActionRefusedException("There is no Deployment " + Text.code(target.workload().deploymentName())
                        + " in namespace " + Text.code(target.workload().namespace()) + " on "
                        + Text.code(target.workload().cluster()) + ". Has " + Text.code(target.service().name)
                        + " been deployed to " + Text.code(target.environment().name) + " yet?");
            }
            return deployment;
        } catch (KubernetesClientException e) {
            throw unreachable(target, e);
        }
    }

    public KubernetesClient client(DeploymentTarget target) {
        try {
            return clusters.client(target.workload().cluster());
        } catch (ClusterUnavailableException e) {
            throw new ActionRefusedException("Cluster " + Text.code(target.workload().cluster()) + " is unavailable: "
                    + Mrkdwn.escape(e.getMessage()) + ".");
        }
    }

    ActionRefusedException unreachable(DeploymentTarget target, KubernetesClientException e) {
        return new ActionRefusedException("Cluster " + Text.code(target.workload().cluster()) + " did not answer as expected ("
                + (e.getCode() > 0 ? "HTTP " + e.getCode() : "no connection") + "). Try again in a minute; nothing was changed.");
    }
}
