package dev.harbormaster.alert;

import dev.harbormaster.slack.SlackConnection;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Who may post alerts: whoever sends {@code Authorization: Bearer <HARBORMASTER_ALERTS_TOKEN>}, or basic auth with
 * the configured user and password. Compared in constant time. With neither configured every request is refused,
 * except in the sandbox, which makes a random token at start for its own demo alerts.
 */
@ApplicationScoped
public class AlertCredentials {

    private static final Logger LOG = Logger.getLogger(AlertCredentials.class);

    @Inject
    AlertSettings settings;
    @Inject
    SlackConnection connection;

    private volatile String token;

    void start(@Observes StartupEvent startup) {
        token = settings.token().filter(t -> !t.isBlank()).orElse(null);
        if (token == null && connection.sandbox() && basic().isEmpty()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        } else if (token == null && basic().isEmpty()) {
            LOG.warn("Neither HARBORMASTER_ALERTS_TOKEN nor harbormaster.alerts.username/password is set: "
                    + "POST /alerts/alertmanager refuses every notification");
        }
    }

    /** Whether the {@code Authorization} header carries the token or the basic-auth pair. */
    public boolean authorised(String authorization) {
        if (authorization == null) {
            return false;
        }
        String value = authorization.strip();
        if (token != null && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return same(value.substring(7).strip(), token);
        }
        Optional<String> basic = basic();
        if (basic.isPresent() && value.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
                return same(decoded, basic.get());
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }
        return false;
    }

    /** The bearer token demo alerts are sent with (the configured one, or the sandbox's own). */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    private Optional<String> basic() {
        return settings.username().filter(u -> !u.isBlank())
                .flatMap(user -> settings.password().map(password -> user + ":" + password));
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
