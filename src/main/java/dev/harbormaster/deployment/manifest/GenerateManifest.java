package dev.harbormaster.deployment.manifest;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.command.Suggestions;
import dev.harbormaster.catalog.KubernetesNames;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** {@code manifest <service> --env <env>}: Kubernetes YAML for a service, generated from its catalog entry. */
@ApplicationScoped
public class GenerateManifest implements PlatformCommand {

    private final Catalog catalog;
    private final SlackConnection connection;

    public GenerateManifest(Catalog catalog, SlackConnection connection) {
        this.catalog = catalog;
        this.connection = connection;
    }

    @Override
    public String name() {
        return "manifest";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String name = invocation.argument("service").trim();
        Optional<Service> found = catalog.service(name);
        if (found.isEmpty()) {
            return CommandReply.ephemeral("No service named " + Mrkdwn.echo(name) + "."
                    + suggestion(name, catalog.serviceNamesLike(name)) + "\nList services with "
                    + Mrkdwn.code(connection.slashCommand() + " services") + ".");
        }
        Service service = found.get();
        List<String> environments = service.environments.stream().map(environment -> environment.name).toList();
        if (environments.isEmpty()) {
            return CommandReply.ephemeral(Mrkdwn.code(service.name) + " has no environments in the catalog, so there"
                    + " is nothing to size the manifests from. Add them under `spec.harbormaster.environments` in its"
                    + " catalog descriptor, or with " + Mrkdwn.code(connection.slashCommand() + " service edit "
                    + service.name) + ".");
        }
        Optional<String> typed = invocation.option("env").map(String::trim);
        if (typed.isEmpty()) {
            return CommandReply.ephemeral("Say which environment, e.g. " + Mrkdwn.code(connection.slashCommand()
                    + " manifest " + service.name + " --env " + environments.get(0)) + " (" + Mrkdwn.code(service.name)
                    + " runs in " + String.join(", ", environments) + ").");
        }
        Optional<Environment> environment = service.environments.stream()
                .filter(candidate -> candidate.name.equals(typed.get())).findFirst();
        if (environment.isEmpty()) {
            return CommandReply.ephemeral(Mrkdwn.code(service.name) + " has no environment " + Mrkdwn.echo(typed.get())
                    + "." + suggestion(typed.get(), environments) + " It runs in " + String.join(", ", environments)
                    + ": try " + Mrkdwn.code(connection.slashCommand() + " manifest " + service.name + " --env "
                    + environments.get(0)) + ".");
        }
        String objectName = service.kubernetesId == null ? service.name : service.kubernetesId;
        if (!KubernetesNames.isDns1123Label(objectName)) {
            return CommandReply.ephemeral(Mrkdwn.code(objectName) + " is not a valid Kubernetes Service name (lower-case"
                    + " letters, digits and '-', at most 63); set `backstage.io/kubernetes-id` in the catalog to one.");
        }
        String namespace = environment.get().namespace;
        if (namespace != null && !KubernetesNames.isDns1123Label(namespace)) {
            return CommandReply.ephemeral("The catalog's namespace " + Mrkdwn.echo(namespace) + " for "
                    + environment.get().name + " is not a valid Kubernetes namespace name; fix it in the catalog.");
        }
        return ManifestMessage.reply(ManifestGenerator.generate(service, environment.get()));
    }

    private static String suggestion(String typed, List<String> candidates) {
        String didYouMean = Suggestions.didYouMean(typed, candidates);
        return didYouMean.isEmpty() ? "" : " " + didYouMean;
    }
}
