package dev.harbormaster.addon;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.kubernetes.Clusters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** {@code addon status <name>}: the add-on's card. */
@ApplicationScoped
public class ShowAddonStatus implements PlatformCommand {

    @Inject
    AddonInstanceRepository instances;
    @Inject
    DeleteAddon deleteAddon;
    @Inject
    Clusters clusters;

    @Override
    public String name() {
        return "addon status";
    }

    @Override
    @Transactional
    public CommandReply execute(CommandInvocation invocation) {
        String name = invocation.argument("name");
        return instances.live(name).map(addon -> AddonStatusMessage.reply(addon, clusters.simulated()))
                .orElseGet(() -> CommandReply.ephemeral(deleteAddon.notFound(name)));
    }
}
