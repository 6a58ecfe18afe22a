package dev.harbormaster.catalog;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.notify.SlackGateway;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** {@code service edit <name>}: the register modal, prefilled; owners and platform admins only. */
@ApplicationScoped
public class EditService implements PlatformCommand {

    @Inject
    Catalog catalog;
    @Inject
    CatalogAuthorization authorization;
    @Inject
    SlackIdentities identities;
    @Inject
    SlackGateway gateway;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "service edit";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        String name = invocation.argument("name").trim();
        Optional<Service> service = catalog.service(name);
        if (service.isEmpty()) {
            return NotFoundMessage.service(name, catalog.serviceNames(), connection.slashCommand());
        }
        Permission permission = authorization.mayEdit(service.get(), identities.identify(invocation.caller().userId()));
        if (!permission.allowed()) {
            return RefusalMessage.editReply(name, permission);
        }
        return ModalOpening.open(gateway, invocation.caller().triggerId(),
                ServiceFormModal.edit(service.get(), catalog.teamNames(), invocation.caller().channelId()));
    }
}
