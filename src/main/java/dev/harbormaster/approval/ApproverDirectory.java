package dev.harbormaster.approval;

import dev.harbormaster.notify.SlackDirectory;
import dev.harbormaster.notify.SlackGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who is in an approver set: catalog teams (members stored as Slack ids or emails, matched against the
 * voter's id and the email Slack reports for it), Slack user groups, and listed people. Identity is the
 * Slack user id only; a look-up that fails grants nothing.
 */
@ApplicationScoped
public class ApproverDirectory {

    private static final Logger LOG = Logger.getLogger(ApproverDirectory.class);

    @Inject
    Organisation organisation;
    @Inject
    SlackDirectory directory;
    @Inject
    SlackGateway gateway;

    /**
     * A {@link Membership} that remembers what it looked up, for one decision: a vote, a message, a list.
     * Call it inside a transaction (it reads the catalog).
     */
    public Lookup lookup() {
        return new Lookup();
    }

    public final class Lookup implements Membership {
        private final Map<String, SlackDirectory.Known> identities = new HashMap<>();
        private final Map<String, List<String>> usergroups = new HashMap<>();

        @Override
        public boolean contains(ApproverSet set, ActionTarget target, String userId) {
            return members(set, target).map(members -> matches(members, userId)).orElse(false);
        }

        /** The members as stored (Slack ids or emails); empty when the set cannot be resolved (no owning team, say). */
        public Optional<List<String>> members(ApproverSet set, ActionTarget target) {
            if (set instanceof ApproverSet.CatalogTeam team) {
                return teamMembers(team.name());
            }
            if (set instanceof ApproverSet.Usergroup group) {
                return Optional.of(usergroups.computeIfAbsent(group.ref(), this::usergroupMembers));
            }
            if (set instanceof ApproverSet.Users users) {
                return Optional.of(users.ids());
            }
            if (set instanceof ApproverSet.Anyone) {
                return Optional.empty();
            }
            return Optional.ofNullable(target.owningTeam()).flatMap(this::teamMembers);
        }

        /** The email Slack reports for a person, as remembered for this decision. */
        public Optional<String> email(String userId) {
            return identity(userId).email();
        }

        /** Whether Slack has never told us who this is (it was down when they first appeared), so emails cannot match. */
        public boolean identityUnknown(String userId) {
            return !identity(userId).answered();
        }

        private SlackDirectory.Known identity(String userId) {
            return this.identities.computeIfAbsent(userId, id -> directory.email(id));
        }

        private Optional<List<String>> teamMembers(String name) {
            return organisation.members(name);
        }

        private boolean matches(List<String> members, String userId) {
            if (members.contains(userId)) {
                return true;
            }
            Optional<String> email = email(userId).map(e -> e.toLowerCase(Locale.ROOT));
            return email.isPresent() && members.stream().anyMatch(m -> m.toLowerCase(Locale.ROOT).equals(email.get()));
        }

        private List<String> usergroupMembers(String ref) {
            Optional<List<String>> members = gateway.usergroupMembers(ref);
            if (members.isEmpty()) {
                LOG.warnf("Could not read the members of user group %s: nobody approves through it", ref);
            }
            return members.orElse(List.of());
        }
    }
}
