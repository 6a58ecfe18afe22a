package dev.harbormaster.audit;

import dev.harbormaster.notify.ChannelHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads checkpoints back from the audit channel, newest first, from the messages' metadata. It never trusts them:
 * the caller checks each signature.
 */
@ApplicationScoped
class AuditCheckpointChannel {

    /** At most this many of the channel's newest messages are read: hourly checkpoints over some six weeks. */
    static final int PAGE_SIZE = 200;
    static final int MAX_PAGES = 5;

    @Inject
    ChannelHistory history;
    @Inject
    AuditSettings settings;

    /**
     * @param checkpoints checkpoints found in message metadata, newest first, signatures not yet checked
     * @param malformed   checkpoint messages whose metadata is not a checkpoint
     * @param problem     why the channel could not be read (all of it or from some page on), as Slack said it
     */
    record Read(List<AuditCheckpoint> checkpoints, int malformed, Optional<String> problem) {
    }

    Read read() {
        ChannelHistory.Found found = history.metadata(settings.channel(), AuditCheckpoint.EVENT_TYPE, PAGE_SIZE, MAX_PAGES);
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        int malformed = 0;
        for (Map<String, Object> payload : found.payloads()) {
            Optional<AuditCheckpoint> checkpoint = AuditCheckpoint.fromPayload(payload, AuditCheckpoint.Source.CHANNEL);
            if (checkpoint.isPresent()) {
                checkpoints.add(checkpoint.get());
            } else {
                malformed++;
            }
        }
        return new Read(checkpoints, malformed, found.problem());
    }
}
