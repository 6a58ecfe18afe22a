package dev.harbormaster.catalog;

import dev.harbormaster.notify.SlackGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Renders catalog people (a Slack user id or an email) as Slack mentions, so "who to ask" is one click
 * away. Emails are looked up with users.lookupByEmail; answers are cached for a while per replica, which
 * is only a speed-up: a replica without the cache asks Slack again.
 */
@ApplicationScoped
public class SlackPeople {

    private static final Logger LOG = Logger.getLogger(SlackPeople.class);
    private static final Duration CACHE_FOR = Duration.ofMinutes(10);

    @Inject
    SlackGateway gateway;

    private final ConcurrentMap<String, Lookup> byEmail = new ConcurrentHashMap<>();

    /** {@code <@U…>} when Slack knows the person, else the escaped text as written in the catalog. */
    public String mention(String member) {
        if (member == null || member.isBlank()) {
            return "—";
        }
        if (Mrkdwn.isSlackUserId(member)) {
            return "<@" + member + ">";
        }
        if (member.contains("@")) {
            Optional<String> userId = userId(member.trim().toLowerCase(java.util.Locale.ROOT));
            if (userId.isPresent()) {
                return "<@" + userId.get() + ">";
            }
        }
        return Mrkdwn.escape(member);
    }

    private Optional<String> userId(String email) {
        Lookup cached = byEmail.get(email);
        if (cached != null && cached.at().plus(CACHE_FOR).isAfter(Instant.now())) {
            return cached.userId();
        }
        Optional<String> userId;
        try {
            userId = gateway.userIdByEmail(email);
        } catch (RuntimeException e) {
            // Slack unreachable: show the email this time, and ask again next time
            LOG.debugf("users.lookupByEmail failed: %s", e.getMessage());
            return Optional.empty();
        }
        byEmail.put(email, new Lookup(userId, Instant.now()));
        return userId;
    }

    private record Lookup(Optional<String> userId, Instant at) {
    }
}
