package dev.harbormaster.team;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.notify.SlackDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Learns, in the background, the Slack ids of the people the catalog names by email, so that their first click on
 * Approve is decided from PostgreSQL: while Slack is slow or down, an approver is not mistaken for a stranger, and no
 * click waits on Slack before its acknowledgement.
 */
@ApplicationScoped
public class MemberIdentities {

    private static final Logger LOG = Logger.getLogger(MemberIdentities.class);
    /** Slack allows users.lookupByEmail about 50 times a minute (tier 3); leave room for the rest of the bot. */
    static final int LOOKUPS_PER_ROUND = 40;

    @Inject
    Catalog catalog;
    @Inject
    SlackDirectory directory;

    @Scheduled(identity = "member-identities", every = "${harbormaster.teams.identity-refresh-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void learnMemberIdentities() {
        List<String> emails = QuarkusTransaction.requiringNew().call(catalog::memberEmails);
        int learned = directory.learnEmails(emails, LOOKUPS_PER_ROUND);
        if (learned > 0) {
            LOG.debugf("Learned the Slack ids of %d catalog members", learned);
        }
    }
}
