package dev.harbormaster.addon;

import dev.harbormaster.kubernetes.Clusters;
import dev.harbormaster.notify.OutboundMessage;
import dev.harbormaster.notify.Outbox;
import dev.harbormaster.team.TeamRouting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;

/**
 * The one progress message per provision or delete: posted when it starts, edited in place through the outbox
 * when its state changes, and at most every {@link #REFRESH} while a broker keeps it waiting (so the elapsed time
 * moves without flooding Slack with edits).
 */
@ApplicationScoped
public class AddonProgress {

    static final Duration REFRESH = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;
    @Inject
    TeamRouting routing;
    @Inject
    Clusters clusters;

    /** Posts the first version of the message; call in the transaction that starts the work. */
    void post(AddonInstance addon) {
        addon.progressPostedAt = Instant.now();
        outbox.enqueue(routing.post(addon.channel, AddonProgressMessage.text(addon, clusters.simulated()),
                AddonProgressMessage.blocksJson(addon, clusters.simulated())).withKey(addon.messageKey));
    }

    /** Edits it when something a reader would notice changed, or the elapsed time is stale. */
    void update(AddonInstance addon, boolean changed) {
        Instant now = Instant.now();
        boolean stale = addon.progressPostedAt == null || addon.progressPostedAt.plus(REFRESH).isBefore(now);
        if (!changed && !stale) {
            return;
        }
        addon.progressPostedAt = now;
        outbox.enqueue(OutboundMessage.update(addon.channel, addon.messageKey, AddonProgressMessage.text(addon, clusters.simulated()),
                AddonProgressMessage.blocksJson(addon, clusters.simulated())));
    }
}
