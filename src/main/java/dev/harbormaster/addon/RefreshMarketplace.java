package dev.harbormaster.addon;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.PlatformCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** {@code addons refresh}: fetches every broker's catalog now and says how each went. */
@ApplicationScoped
public class RefreshMarketplace implements PlatformCommand {

    @Inject
    AddonCatalog catalog;

    @Override
    public String name() {
        return "addons refresh";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        List<AddonCatalog.Fetch> fetches = catalog.refresh();
        if (fetches.isEmpty()) {
            return CommandReply.ephemeral("No service broker is registered (see `harbormaster.addons.brokers` in the README).");
        }
        List<String> lines = fetches.stream().map(f -> f.ok()
                ? ":white_check_mark: broker `" + Mrkdwn.escape(f.broker()) + "`: " + f.offerings() + " offering(s)"
                : ":warning: broker `" + Mrkdwn.escape(f.broker()) + "`: " + Mrkdwn.escape(f.error())
                + " (its previous catalog is kept)").toList();
        return CommandReply.ephemeral("Catalogs fetched again:\n" + String.join("\n", lines));
    }
}
