package dev.harbormaster.approval;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.usergroups.UsergroupsListResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import com.slack.api.model.Usergroup;
import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.CallerIdentity;
import dev.harbormaster.catalog.SlackIdentities;
import dev.harbormaster.catalog.Team;
import dev.harbormaster.notify.SlackGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is in an approver set: catalog teams (members stored as Slack ids or emails, matched against the
 * voter's id and the email Slack reports for it), Slack user groups, and listed people. Identity is the
 * Slack user id only; a look-up that fails grants nothing.
 */
@ApplicationScoped
public class ApproverDirectory {

    private static final Logger LOG = Logger.getLogger(ApproverDirectory.class);
    private static final Pattern USERGROUP_ID = Pattern.compile("^S[A-Z0-9]{2,}$");

    @Inject
    Catalog catalog;
    @Inject
    SlackIdentities identities;
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
        private final Map<String, CallerIdentity> people = new HashMap<>();
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
            return people.computeIfAbsent(userId, identities::identify).email();
        }

        private Optional<List<String>> teamMembers(String name) {
            return catalog.team(name).map((Team team) -> List.copyOf(team.members));
        }

        private boolean matches(List<String> members, String userId) {
            if (members.contains(userId)) {
                return true;
            }
            Optional<String> email = people.computeIfAbsent(userId, identities::identify).email()
                    .map(e -> e.toLowerCase(Locale.ROOT));
            return email.isPresent() && members.stream().anyMatch(m -> m.toLowerCase(Locale.ROOT).equals(email.get()));
        }

        private List<String> usergroupMembers(String ref) {
            try {
                Optional<String> id = USERGROUP_ID.matcher(ref).matches() ? Optional.of(ref) : usergroupId(ref);
                if (id.isEmpty()) {
                    LOG.warnf("No Slack user group with handle %s: nobody approves through it", ref);
                    return List.of();
                }
                UsergroupsUsersListResponse response = gateway.methods().usergroupsUsersList(r -> r.usergroup(id.get()));
                if (!response.isOk()) {
                    LOG.warnf("usergroups.users.list for %s failed: %s", ref, response.getError());
                    return List.of();
                }
                return List.copyOf(response.getUsers());
            } catch (IOException | SlackApiException e) {
                LOG.warnf("Could not read the members of user group %s (%s): nobody approves through it", ref, e.getMessage());
                return List.of();
            }
        }

        private Optional<String> usergroupId(String handle) throws IOException, SlackApiException {
            UsergroupsListResponse response = gateway.methods().usergroupsList(r -> r);
            if (!response.isOk()) {
                LOG.warnf("usergroups.list failed: %s", response.getError());
                return Optional.empty();
            }
            return response.getUsergroups().stream().filter(g -> handle.equalsIgnoreCase(g.getHandle()))
                    .map(Usergroup::getId).findFirst();
        }
    }
}
