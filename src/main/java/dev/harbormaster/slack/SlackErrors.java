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

    /** Logs the failure and returns the id the user will see. */
    public String record(String whileDoing, Throwable failure) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        String errorId = "E-" + HexFormat.of().formatHex(bytes);
        metrics.counter("harbormaster.errors", "where", whileDoing).increment();
        LOG.errorf(failure, "Error %s while %s", errorId, whileDoing);
        return errorId;
    }

    public String userMessage(String errorId) {
        return ":warning: Something went wrong on our side. Nothing was changed. "
                + "If it happens again, quote error id `" + errorId + "` to the platform team.";
    }

    /** A slash-command ack body carrying the message above, visible only to the user. */
    public String ephemeralJson(String errorId) {
        ObjectNode node = json.createObjectNode();
        node.put("response_type", "ephemeral");
        node.put("text", userMessage(errorId));
        return node.toString();
    }
}
