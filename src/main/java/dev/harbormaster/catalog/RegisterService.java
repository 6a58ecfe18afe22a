package dev.harbormaster.catalog;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.notify.SlackGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code register}: opens the modal to add a service to the catalog. */
@ApplicationScoped
public class RegisterService implements PlatformCommand {

    @Inject
    Catalog catalog;
    @Inject
    SlackGateway gateway;

    @Override
    public String name() {
        return "register";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        return ModalOpening.open(gateway, invocation.caller().triggerId(),
                ServiceFormModal.register(catalog.teamNames(), invocation.caller().channelId()));
    }
}
