package dev.harbormaster.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A message in a channel; ephemeral ones are seen only by {@code ephemeralTo}. */
final class SandboxMessage {

    final String ts;
    final String channelId;
    final String authorId;
    final String threadTs;
    final String ephemeralTo;
    /** Slack message metadata ({@code event_type}, {@code event_payload}), or null. */
    final ObjectNode metadata;
    String text;
    ArrayNode blocks;
    boolean edited;

    SandboxMessage(String ts, String channelId, String authorId, String text, ArrayNode blocks, String threadTs,
                   String ephemeralTo, ObjectNode metadata) {
        this.ts = ts;
        this.channelId = channelId;
        this.authorId = authorId;
        this.text = text;
        this.blocks = blocks;
        this.threadTs = threadTs;
        this.ephemeralTo = ephemeralTo;
        this.metadata = metadata;
    }

    boolean visibleTo(String userId) {
        return ephemeralTo == null || ephemeralTo.equals(userId);
    }
}
