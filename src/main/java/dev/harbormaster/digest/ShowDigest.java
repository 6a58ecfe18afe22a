package dev.harbormaster.digest;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.CatalogAuthorization;
import dev.harbormaster.catalog.NotFoundMessage;
import dev.harbormaster.catalog.SlackIdentities;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/** {@code digest [team] [--preview]}: the team's digest as it reads now, only to the caller. */
@ApplicationScoped
public class ShowDigest implements PlatformCommand {

    @Inject
    Catalog catalog;
    @Inject
    CatalogAuthorization authorization;
    @Inject
    SlackIdentities identities;
    @Inject
    Digests digests;
    @Inject
    SlackConnection connection;

    @Override
    public String name() {
        return "digest";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        Optional<String> typed = invocation.optionalArgument("team").map(String::trim).filter(t -> !t.isEmpty());
        String team;
        if (typed.isPresent()) {
            if (catalog.team(typed.get()).isEmpty()) {
                return NotFoundMessage.team(catalog, typed.get(), connection.slashCommand());
            }
            team = typed.get();
        } else {
            List<String> own = authorization.teamsOf(identities.identify(invocation.caller().userId()));
            if (own.size() != 1) {
                return CommandReply.ephemeral((own.isEmpty() ? "You are in no team in the catalog"
                        : "You are in " + own.size() + " teams (" + own.stream().map(Mrkdwn::code).reduce((a, b) -> a + ", " + b).orElse("") + ")")
                        + "; name one: `" + connection.slashCommand() + " digest <team>`.");
            }
            team = own.get(0);
        }
        return digests.preview(team).map(DigestMessage::preview)
                .orElseGet(() -> NotFoundMessage.team(catalog, team, connection.slashCommand()));
    }
}
