package dev.harbormaster.addon.broker;

import dev.harbormaster.slack.SlackConnection;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Whether the broker answers at all, and the basic-auth credentials it accepts. Resolved once at start so a
 * misconfigured real deployment fails then, not on the platform's first call.
 */
@Startup
@ApplicationScoped
public class BrokerAccess {

    private static final Logger LOG = Logger.getLogger(BrokerAccess.class);

    private final boolean enabled;
    private final String username;
    private final String password;

    @Inject
    public BrokerAccess(BrokerSettings settings, SlackConnection slack) {
        this.enabled = settings.enabled().orElse(slack.sandbox());
        this.username = settings.username();
        if (settings.password().filter(p -> !p.isBlank()).isPresent()) {
            this.password = settings.password().get();
        } else if (enabled && !slack.sandbox()) {
            throw new IllegalStateException(
                    "The OSB reference broker is enabled but HARBORMASTER_OSB_BROKER_PASSWORD is not set");
        } else {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            this.password = HexFormat.of().formatHex(random);
            if (enabled) {
                LOG.infof("OSB reference broker at /osb: user '%s', password generated at start "
                        + "(set HARBORMASTER_OSB_BROKER_PASSWORD to choose one)", username);
            }
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public String username() {
        return username;
    }

    /** The accepted password, for whoever registers the broker with a platform (and for tests). */
    public String password() {
        return password;
    }

    /** True when the Authorization header carries these credentials; compared in constant time. */
    public boolean authorizes(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorizationHeader.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }
}
