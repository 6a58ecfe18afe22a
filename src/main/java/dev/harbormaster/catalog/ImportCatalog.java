package dev.harbormaster.catalog;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.notify.SlackGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code catalog import [yaml]}: imports pasted Backstage YAML, or opens a modal to paste it into. Admins only. */
@ApplicationScoped
public class ImportCatalog implements PlatformCommand {

    @Inject
    CatalogImport catalogImport;
    @Inject
    CatalogAuthorization authorization;
    @Inject
    SlackIdentities identities;
    @Inject
    SlackGateway gateway;

    @Override
    public String name() {
        return "catalog import";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        Permission permission = authorization.mayImport(identities.identify(invocation.caller().userId()));
        if (!permission.allowed()) {
            return RefusalMessage.importReply(permission);
        }
        String pasted = invocation.optionalArgument("yaml").map(PastedYaml::clean).orElse("");
        if (pasted.isBlank()) {
            return ModalOpening.open(gateway, invocation.caller().triggerId(),
                    CatalogImportModal.build(invocation.caller().channelId()));
        }
        return ImportReportMessage.reply(catalogImport.importYaml(invocation.caller().userId(), PastedYaml.source(invocation.caller().userId()), pasted));
    }
}
