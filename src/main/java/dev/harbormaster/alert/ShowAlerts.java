package dev.harbormaster.alert;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.PlatformCommand;
import dev.harbormaster.command.Suggestions;
import dev.harbormaster.notify.Outbox;
import dev.harbormaster.notify.OutboxMessage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code alerts [service|team]}: the groups firing now, from the records, each linked to its message. */
@ApplicationScoped
public class ShowAlerts implements PlatformCommand {

    static final int LISTED = 30;

    @Inject
    AlertRepository alerts;
    @Inject
    Catalog catalog;
    @Inject
    Outbox outbox;

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        Optional<String> target = invocation.optionalArgument("target");
        return QuarkusTransaction.requiringNew().call(() -> {
            List<AlertGroup> groups;
            long total;
            String scope;
            if (target.isEmpty()) {
                groups = alerts.firing(LISTED);
                total = alerts.count("status", AlertGroup.FIRING);
                scope = "";
            } else if (catalog.service(target.get()).isPresent()) {
                groups = alerts.firingFor(target.get(), null, LISTED);
                total = alerts.countFiringFor(target.get(), null);
                scope = " for " + Mrkdwn.code(target.get(), 100);
            } else if (catalog.team(target.get()).isPresent()) {
                groups = alerts.firingFor(null, target.get(), LISTED);
                total = alerts.countFiringFor(null, target.get());
                scope = " for team " + Mrkdwn.code(target.get(), 100);
            } else {
                List<String> names = new ArrayList<>(catalog.serviceNamesLike(target.get()));
                names.addAll(catalog.teamNames());
                String hint = Suggestions.didYouMean(target.get(), names);
                return CommandReply.ephemeral("No service or team " + Mrkdwn.code(target.get()) + " in the catalog."
                        + (hint.isEmpty() ? "" : " " + Mrkdwn.escape(hint)));
            }
            List<AlertListMessage.Line> lines = groups.stream().map(g -> new AlertListMessage.Line(g, permalink(g))).toList();
            return AlertListMessage.firing(scope, lines, total, Instant.now());
        });
    }

    private String permalink(AlertGroup group) {
        // A group listed in a storm summary has no message of its own: link the summary.
        String key = group.messageKey != null ? group.messageKey
                : group.stormId != null ? AlertStormMessage.key(group.stormId) : null;
        Optional<OutboxMessage> sent = key == null ? Optional.empty() : outbox.sent(key);
        return sent.filter(m -> m.slackChannelId() != null && m.slackTs() != null)
                .map(m -> "https://slack.com/archives/" + m.slackChannelId() + "/p" + m.slackTs().replace(".", ""))
                .orElse(null);
    }
}
