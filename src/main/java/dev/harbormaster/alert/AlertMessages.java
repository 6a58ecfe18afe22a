package dev.harbormaster.alert;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.notify.OutboundMessage;
import dev.harbormaster.notify.Outbox;
import dev.harbormaster.team.TeamRouting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/**
 * Queues an alert group's message, its edits and its thread replies through the outbox, in the caller's
 * transaction. A group listed in a storm summary has no message of its own: its changes mark the summary for an
 * edit instead.
 */
@ApplicationScoped
public class AlertMessages {

    @Inject
    Outbox outbox;
    @Inject
    TeamRouting teams;
    @Inject
    Catalog catalog;
    @Inject
    AlertRepository alerts;

    /** Posts the group's message (once: the key makes a second post a no-op). */
    void post(AlertGroup group) {
        group.messageKey = AlertGroupMessage.key(group);
        AlertGroupMessage.View view = view(group);
        outbox.enqueue(teams.post(group.channel, AlertGroupMessage.text(view), AlertGroupMessage.blocksJson(view))
                .withKey(group.messageKey));
    }

    /** Edits the group's message to what it is now, and adds {@code reply} to its thread when not null. */
    void changed(AlertGroup group, String reply) {
        if (group.messageKey == null) {
            if (group.stormId != null) {
                alerts.storm(group.stormId).dirty = true;
            }
            return;
        }
        AlertGroupMessage.View view = view(group);
        outbox.enqueue(OutboundMessage.update(group.channel, group.messageKey, AlertGroupMessage.text(view),
                AlertGroupMessage.blocksJson(view)));
        if (reply != null) {
            outbox.enqueue(OutboundMessage.post(group.channel, reply, null).inThreadOf(group.messageKey));
        }
    }

    void postStorm(AlertStorm storm) {
        AlertStormMessage.View view = stormView(storm);
        outbox.enqueue(teams.post(storm.channel, AlertStormMessage.text(view), AlertStormMessage.blocksJson(view))
                .withKey(storm.messageKey));
        storm.dirty = false;
        storm.editQueuedAt = Instant.now();
    }

    void editStorm(AlertStorm storm) {
        AlertStormMessage.View view = stormView(storm);
        outbox.enqueue(OutboundMessage.update(storm.channel, storm.messageKey, AlertStormMessage.text(view),
                AlertStormMessage.blocksJson(view)));
        storm.dirty = false;
        storm.editQueuedAt = Instant.now();
    }

    private AlertStormMessage.View stormView(AlertStorm storm) {
        return new AlertStormMessage.View(storm, alerts.inStorm(storm.id, AlertStormMessage.LISTED),
                alerts.countInStorm(storm.id), alerts.countFiringInStorm(storm.id));
    }

    /** A critical alert of a tier-1 service names the on-call. */
    private AlertGroupMessage.View view(AlertGroup group) {
        String onCall = null;
        if ("critical".equalsIgnoreCase(group.severity) && group.service != null) {
            boolean tierOne = catalog.service(group.service).map(s -> s.tier != null && s.tier == 1).orElse(false);
            if (tierOne) {
                onCall = teams.forService(group.service).onCall().orElse(null);
            }
        }
        return new AlertGroupMessage.View(group, onCall, Instant.now());
    }
}
