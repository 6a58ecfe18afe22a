package dev.harbormaster.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harbormaster.slack.BlockKit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * The way a feature sends a message to a channel: the row is written in the caller's transaction, so it
 * is sent if and only if the caller's state change commits, and delivery survives a Slack outage and a
 * restart. {@link OutboxWorkers} deliver it later, in order per channel.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final int MAX_CHANNEL_LENGTH = 100;
    private static final int MAX_KEY_LENGTH = 200;

    @Inject
    OutboxMessageRepository messages;
    @Inject
    OutboxWorkers workers;
    @Inject
    AfterCommit afterCommit;
    @Inject
    ObjectMapper json;

    /**
     * Queues a message. REQUIRED rather than MANDATORY: inside the caller's transaction the row commits or
     * rolls back with the caller's state change; a caller with no state change need not open one.
     * A POST whose key was queued before is ignored, so re-running a notification does not post twice.
     *
     * @throws IllegalArgumentException when the message cannot be sent as it stands
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void enqueue(OutboundMessage message) {
        validate(message);
        if (!messages.insertPending(withinLimits(message))) {
            LOG.debugf("A message keyed %s is already in the outbox; not queued again", message.key());
            return;
        }
        afterCommit.run(workers::wake);
    }

    /**
     * Where the message queued under {@code key} landed, once it is sent: its channel id and ts (for a link to it).
     * Empty while it waits, or when it failed.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Optional<OutboxMessage> sent(String key) {
        return messages.postedUnder(key).filter(m -> m.status() == OutboxMessage.Status.SENT);
    }

    /** Slack refuses a message beyond Block Kit's limits, and then nobody sees it: cut it visibly instead. */
    private static OutboundMessage withinLimits(OutboundMessage message) {
        boolean hasBlocks = message.blocksJson() != null && !message.blocksJson().isBlank();
        return new OutboundMessage(message.kind(), message.channel(), BlockKit.fitText(message.text(), hasBlocks),
                BlockKit.fitJson(message.blocksJson(), BlockKit.MESSAGE_BLOCKS), message.key(), message.threadKey(),
                message.metadataJson(), message.fallback());
    }

    private void validate(OutboundMessage message) {
        if (message == null || message.kind() == null) {
            throw new IllegalArgumentException("An outbound message needs a kind, POST or UPDATE");
        }
        if (isBlank(message.channel())) {
            throw new IllegalArgumentException("An outbound message needs a channel (id or name)");
        }
        if (message.channel().length() > MAX_CHANNEL_LENGTH) {
            throw new IllegalArgumentException("Channel longer than " + MAX_CHANNEL_LENGTH + " characters");
        }
        if (isBlank(message.text()) && isBlank(message.blocksJson())) {
            throw new IllegalArgumentException("An outbound message needs text or blocks");
        }
        if (message.kind() == OutboundMessage.Kind.UPDATE && isBlank(message.key())) {
            throw new IllegalArgumentException("An update needs the key of the message it replaces");
        }
        if (message.kind() == OutboundMessage.Kind.UPDATE && message.threadKey() != null) {
            throw new IllegalArgumentException("An update cannot move a message into a thread; leave the thread key out");
        }
        checkKey("key", message.key());
        checkKey("thread key", message.threadKey());
        if (!isBlank(message.blocksJson())) {
            checkBlocks(message.blocksJson());
        }
        if (message.metadataJson() != null) {
            checkMetadata(message);
        }
    }

    private void checkMetadata(OutboundMessage message) {
        if (message.kind() != OutboundMessage.Kind.POST) {
            throw new IllegalArgumentException("Only a POST carries metadata");
        }
        try {
            JsonNode metadata = json.readTree(message.metadataJson());
            if (!metadata.path("event_type").isTextual() || !metadata.path("event_payload").isObject()) {
                throw new IllegalArgumentException("Metadata needs a text event_type and an object event_payload");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Metadata is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void checkKey(String what, String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw new IllegalArgumentException("A message " + what + " must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    private void checkBlocks(String blocksJson) {
        try {
            JsonNode blocks = json.readTree(blocksJson);
            if (!blocks.isArray()) {
                throw new IllegalArgumentException("Blocks must be a JSON array of Block Kit blocks");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Blocks are not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
