package dev.harbormaster.alert;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.approval.ApprovalAction;
import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.slack.SlackConnection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code unsilence}: expires a silence in Alertmanager ({@code DELETE /api/v2/silence/{id}}), from an alert message's
 * Unsilence button or typed. The silence's service (from the alert group it was made on, else its {@code service}
 * matcher) decides who may, as for every gated action.
 */
@ApplicationScoped
public class UnsilenceAlerts implements ApprovalAction {

    public static final String NAME = "unsilence";
    static final String ID = "id";

    @Inject
    SlackConnection connection;
    @Inject
    AlertRepository alerts;
    @Inject
    Catalog catalog;
    @Inject
    Alertmanagers alertmanagers;
    @Inject
    AlertmanagerClient client;
    @Inject
    AlertMessages messages;

    /** Where the silence is, and the group it was made on (null when made by command or elsewhere). */
    record Found(Alertmanagers.Target alertmanager, String service, Long groupId) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ActionTarget target(Map<String, String> parameters) {
        Found found = find(parameters.get(ID));
        Optional<Service> service = Optional.ofNullable(found.service()).flatMap(catalog::service);
        return new ActionTarget(found.service(), service.map(s -> s.ownerTeam).orElse(null), null,
                service.map(s -> s.tier).orElse(null));
    }

    @Override
    public String describe(Map<String, String> parameters) {
        return "Expire silence " + Mrkdwn.code(parameters.get(ID), 64);
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        String id = parameters.get(ID);
        Found found = QuarkusTransaction.requiringNew().call(() -> find(id));
        try {
            client.expireSilence(found.alertmanager(), id);
        } catch (AlertmanagerUnavailableException e) {
            throw new ActionRefusedException(":warning: " + Mrkdwn.escape(e.getMessage()) + " The silence still holds.");
        }
        if (found.groupId() != null) {
            QuarkusTransaction.requiringNew().run(() -> alerts.lockGroup(found.groupId()).ifPresent(group -> {
                if (id.equals(group.silenceId)) {
                    group.silenceId = null;
                    group.silencedUntil = null;
                    group.silencedBy = null;
                    group.updatedAt = Instant.now();
                    messages.changed(group, AlertGroupMessage.unsilenced(id, requesterId));
                }
            }));
        }
        return "Silence " + Mrkdwn.code(id, 64) + " expired in Alertmanager " + Mrkdwn.code(found.alertmanager().name(), 60)
                + "; its alerts notify again.";
    }

    private Found find(String id) {
        if (id == null || !id.matches("[A-Za-z0-9-]{1,64}")) {
            throw new ActionRefusedException("A silence id looks like `7c3e0b1a-…`; see them with "
                    + Mrkdwn.code(connection.slashCommand() + " silences") + ".");
        }
        Optional<AlertGroup> group = alerts.bySilenceId(id);
        if (group.isPresent()) {
            Alertmanagers.Target target = alertmanagers.forSilence(group.get().alertmanager).orElseThrow(() ->
                    new ActionRefusedException("The Alertmanager that holds silence " + Mrkdwn.code(id, 64) + " is not configured any more."));
            return new Found(target, group.get().service, group.get().id);
        }
        for (Alertmanagers.Target target : alertmanagers.all().values()) {
            try {
                Optional<AlertmanagerClient.Silence> silence = client.silences(target).stream().filter(s -> s.id().equals(id)).findFirst();
                if (silence.isPresent()) {
                    return new Found(target, silence.get().matchers().get("service"), null);
                }
            } catch (AlertmanagerUnavailableException e) {
                throw new ActionRefusedException(":warning: " + Mrkdwn.escape(e.getMessage()));
            }
        }
        throw new ActionRefusedException("No Alertmanager knows silence " + Mrkdwn.code(id, 64) + "; see them with "
                + Mrkdwn.code(connection.slashCommand() + " silences") + ".");
    }
}
