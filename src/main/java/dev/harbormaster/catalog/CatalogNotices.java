package dev.harbormaster.catalog;

import dev.harbormaster.notify.OutboundMessage;
import dev.harbormaster.notify.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * What a team hears about changes to its services that it did not make itself: an edit by a platform admin, a
 * service handed to it or taken from it. Queued in the caller's transaction, so a change that rolls back says
 * nothing; a team without a channel is heard in the platform admins' channel instead.
 */
@ApplicationScoped
public class CatalogNotices {

    private static final Logger LOG = Logger.getLogger(CatalogNotices.class);

    @Inject
    TeamRepository teams;
    @Inject
    CatalogSettings settings;
    @Inject
    Outbox outbox;

    /** {@code what} (mrkdwn) was changed on {@code service} by {@code caller}; told to the owners if they are not one of them. */
    public void editedByOutsider(Service service, CallerIdentity caller, String what) {
        Optional<Team> owners = service.ownerTeam == null ? Optional.empty() : teams.findByName(service.ownerTeam);
        if (owners.isEmpty() || CatalogAuthorization.isMember(owners.get(), caller)) {
            return;
        }
        tell(owners.get(), ":pencil2: " + person(caller.userId()) + ", who is not in " + Mrkdwn.code(owners.get().name)
                + ", changed " + what + " of " + Mrkdwn.code(service.name) + ". See it with the `service "
                + Mrkdwn.escape(service.name) + "` command, and the trail with `audit " + Mrkdwn.escape(service.name) + "`.");
    }

    /** Both teams hear that a service changed hands. */
    public void transferred(String service, String fromTeam, String toTeam, String actorId) {
        String text = ":arrows_counterclockwise: " + Mrkdwn.code(service) + " now belongs to " + Mrkdwn.code(toTeam)
                + (fromTeam == null ? "" : " (it was " + Mrkdwn.code(fromTeam) + "'s)") + ", as asked by " + person(actorId) + ".";
        if (fromTeam != null) {
            teams.findByName(fromTeam).ifPresent(team -> tell(team, text));
        }
        teams.findByName(toTeam).ifPresent(team -> tell(team, text));
    }

    private static String person(String userId) {
        return Mrkdwn.isSlackUserId(userId) ? "<@" + userId + ">" : Mrkdwn.code(userId);
    }

    private void tell(Team team, String text) {
        String adminChannel = teams.findByName(settings.adminTeam()).map(t -> t.slackChannel)
                .filter(c -> c != null && !c.isBlank()).orElse(null);
        String channel = team.slackChannel != null && !team.slackChannel.isBlank() ? team.slackChannel : adminChannel;
        if (channel == null) {
            LOG.warnf("Team %s has no Slack channel and the admin team none either: a catalog notice was not sent", team.name);
            return;
        }
        OutboundMessage message = OutboundMessage.post(channel, text, null);
        outbox.enqueue(adminChannel == null || adminChannel.equals(channel) ? message
                : message.orElseIn(new OutboundMessage.Fallback(adminChannel, null, null)));
    }
}
