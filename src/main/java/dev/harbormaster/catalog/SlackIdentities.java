package dev.harbormaster.catalog;

import com.slack.api.model.User;
import dev.harbormaster.notify.SlackGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Turns a Slack user id into a {@link CallerIdentity}, asking Slack for the email. When Slack cannot
 * answer, the caller is known by id only, so only member entries holding their id match: a failed
 * look-up never grants anything.
 */
@ApplicationScoped
public class SlackIdentities {

    private static final Logger LOG = Logger.getLogger(SlackIdentities.class);

    @Inject
    SlackGateway gateway;

    public CallerIdentity identify(String userId) {
        try {
            Optional<String> email = gateway.userInfo(userId)
                    .map(User::getProfile)
                    .map(User.Profile::getEmail)
                    .filter(e -> !e.isBlank());
            return new CallerIdentity(userId, email);
        } catch (SlackGateway.SlackCallFailed e) {
            LOG.warnf("Could not look up the email of %s (%s): matching by Slack id only", userId, e.error());
            return new CallerIdentity(userId, Optional.empty());
        }
    }
}
