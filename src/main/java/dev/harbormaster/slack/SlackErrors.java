package dev.harbormaster.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Errors a user cannot fix: the stack trace goes to the log under a short id, and the user gets only
 * the id to quote to the platform team. Nothing of the exception reaches Slack.
 */
@ApplicationScoped
public class SlackErrors {

    private static final Logger LOG = Logger.getLogger(SlackErrors.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    MeterRegistry metrics;
    @Inject
    ObjectMapper json;

    /** A fixed, small set of places, written in code; more would mean an id crept into one. */
    private final BoundedTagValues places = new BoundedTagValues("harbormaster_errors_total{where}", 50);

    /**
     * Logs the failure and returns the id the user will see.
     *
     * @param where a fixed phrase naming the place ("running an approved request"): it is the metric label, so it
     *              never carries an id or user input; put those in {@code about}
     */
    public String record(String where, Throwable failure) {
        return record(where, null, failure);
    }

    /** As {@link #record(String, Throwable)}, naming what it was about (a request number, a command) in the log only. */
    public String record(String where, Object about, Throwable failure) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        String errorId = "E-" + HexFormat.of().formatHex(bytes);
        metrics.counter("harbormaster.errors", "where", places.of(where)).increment();
        if (about == null) {
            LOG.errorf(failure, "Error %s while %s", errorId, where);
        } else {
            LOG.errorf(failure, "Error %s while %s (%s)", errorId, where, about);
        }
        return errorId;
    }

    public String userMessage(String errorId) {
        return ":warning: Something went wrong on our side. Nothing was changed. "
                + "If it happens again, quote error id `" + errorId + "` to the platform team.";
    }

    /** A slash-command ack body carrying the message above, visible only to the user. */
    public String ephemeralJson(String errorId) {
        return ephemeralText(userMessage(errorId));
    }

    /** A slash command's answer, only to the person who typed it. */
    public String ephemeralText(String text) {
        ObjectNode node = json.createObjectNode();
        node.put("response_type", "ephemeral");
        node.put("text", text);
        return node.toString();
    }
}
