package dev.harbormaster.slack;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The one place a refused Slack request is counted and logged. Every refusal is counted in
 * {@code harbormaster_slack_rejected_total{reason}}; the log gets the first per reason and source (an address,
 * a workspace) in each minute, then how many more there were. Anyone can send requests, and ten thousand forged
 * ones must not become ten thousand log lines.
 */
@ApplicationScoped
public class SlackRefusals {

    private static final Logger LOG = Logger.getLogger(SlackRefusals.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** Ample for real senders (Slack, an ingress); past it an attacker's extra addresses share one line. */
    private static final int MAX_SOURCES = 100;

    @Inject
    MeterRegistry metrics;

    private final LogThrottle throttle = new LogThrottle(WINDOW, MAX_SOURCES, System::nanoTime);

    /**
     * @param reason the metric label, one of a fixed few ({@code bad_signature}, {@code team_not_allowed}, …)
     * @param source where it came from: an address or a workspace, never request content
     * @param what   what was refused, e.g. "a block_actions"
     * @param why    why, in words
     */
    public void refuse(String reason, String source, String what, String why) {
        metrics.counter("harbormaster.slack.rejected", "reason", reason).increment();
        for (LogThrottle.Note note : throttle.occurred(reason + " from " + source)) {
            if (!note.first()) {
                LOG.warnf("… and %,d more refused (%s) in the last minute", note.heldBack(), note.key());
            } else if (note.key().equals(LogThrottle.OVERFLOW)) {
                LOG.warnf("Refusing Slack requests from more than %d sources within a minute; those from further "
                        + "sources are counted in harbormaster_slack_rejected_total, not logged", MAX_SOURCES);
            } else {
                LOG.warnf("Refused %s from %s: %s [%s]; more like it within a minute are counted, not logged",
                        what, source, why, reason);
            }
        }
    }
}
