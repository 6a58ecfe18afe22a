package dev.harbormaster.team;

import dev.harbormaster.catalog.TeamNotice;
import dev.harbormaster.notify.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Queues what the catalog tells a team, in the transaction of the change, where the team's messages go. */
@ApplicationScoped
public class TeamNotices {

    @Inject
    TeamRouting routing;
    @Inject
    Outbox outbox;

    void tell(@Observes TeamNotice notice) {
        outbox.enqueue(routing.post(routing.forTeam(notice.team()), notice.text(), null));
    }
}
