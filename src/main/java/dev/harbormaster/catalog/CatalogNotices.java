package dev.harbormaster.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * What a team hears about changes to its services that it did not make itself: an edit by a platform admin, a
 * service handed to it or taken from it. Fired as {@link TeamNotice} in the caller's transaction, so a change that
 * rolls back says nothing; where it goes is the team feature's decision.
 */
@ApplicationScoped
public class CatalogNotices {

    @Inject
    TeamRepository teams;
    @Inject
    Event<TeamNotice> notices;

    /** {@code what} (mrkdwn) was changed on {@code service} by {@code caller}; told to the owners if they are not one of them. */
    public void editedByOutsider(Service service, CallerIdentity caller, String what) {
        Optional<Team> owners = service.ownerTeam == null ? Optional.empty() : teams.findByName(service.ownerTeam);
        if (owners.isEmpty() || CatalogAuthorization.isMember(owners.get(), caller)) {
            return;
        }
        tell(owners.get().name, ":pencil2: " + person(caller.userId()) + ", who is not in " + Mrkdwn.code(owners.get().name)
                + ", changed " + what + " of " + Mrkdwn.code(service.name) + ". See it with the `service "
                + Mrkdwn.escape(service.name) + "` command, and the trail with `audit " + Mrkdwn.escape(service.name) + "`.");
    }

    /** The owners hear that an import met a file that disagrees with a change made in chat ({@code conflict}, mrkdwn). */
    public void importConflict(Service service, String conflict) {
        if (service.ownerTeam != null) {
            tell(service.ownerTeam, ":warning: A catalog import disagrees with a change made in chat, and the change was "
                    + "kept: " + conflict);
        }
    }

    /** Both teams hear that a service changed hands. */
    public void transferred(String service, String fromTeam, String toTeam, String actorId) {
        String text = ":arrows_counterclockwise: " + Mrkdwn.code(service) + " now belongs to " + Mrkdwn.code(toTeam)
                + (fromTeam == null ? "" : " (it was " + Mrkdwn.code(fromTeam) + "'s)") + ", as asked by " + person(actorId) + ".";
        if (fromTeam != null) {
            tell(fromTeam, text);
        }
        tell(toTeam, text);
    }

    private static String person(String userId) {
        return Mrkdwn.isSlackUserId(userId) ? "<@" + userId + ">" : Mrkdwn.code(userId);
    }

    private void tell(String team, String text) {
        notices.fire(new TeamNotice(team, text));
    }
}
