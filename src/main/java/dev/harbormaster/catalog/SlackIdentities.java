package dev.harbormaster.catalog;

import dev.harbormaster.notify.SlackDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns a Slack user id into a {@link CallerIdentity}, with the email Slack reports for it (remembered in
 * {@link SlackDirectory}). When Slack cannot answer and nothing is remembered, the caller is known by id only, so
 * only member entries holding their id match: a failed look-up never grants anything.
 */
@ApplicationScoped
public class SlackIdentities {

    @Inject
    SlackDirectory directory;

    public CallerIdentity identify(String userId) {
        return new CallerIdentity(userId, directory.email(userId).email());
    }
}
