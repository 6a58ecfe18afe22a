package dev.harbormaster.notify;

/**
 * A message waiting in the outbox. {@code key} names a message so that later rows can edit it
 * ({@link Kind#UPDATE}) or reply in its thread ({@code threadKey}); keys are chosen by the feature,
 * e.g. {@code approval:42}.
 *
 * @param channel      channel id or name the message goes to
 * @param blocksJson   Block Kit blocks as a JSON array, or null for text only
 * @param metadataJson Slack message metadata of a POST ({@code {"event_type": …, "event_payload": {…}}}), which
 *                     programs read back with conversations.history; null for none
 * @param fallback     where a POST goes when {@code channel} cannot take it (missing, archived, the bot not in it),
 *                     or null to fail there
 */
public record OutboundMessage(Kind kind, String channel, String text, String blocksJson, String key, String threadKey,
                              String metadataJson, Fallback fallback) {

    public enum Kind { POST, UPDATE }

    /**
     * Where to post instead, and whom to tell: {@code noticeText}'s {@code {channel}} becomes the channel it went to.
     * {@code noticeUser} and {@code noticeText} may be null (nobody to tell).
     */
    public record Fallback(String channel, String noticeUser, String noticeText) {
    }

    public OutboundMessage(Kind kind, String channel, String text, String blocksJson, String key, String threadKey) {
        this(kind, channel, text, blocksJson, key, threadKey, null, null);
    }

    public static OutboundMessage post(String channel, String text, String blocksJson) {
        return new OutboundMessage(Kind.POST, channel, text, blocksJson, null, null);
    }

    /** Replaces the text and blocks of the message posted earlier under {@code key}. */
    public static OutboundMessage update(String channel, String key, String text, String blocksJson) {
        return new OutboundMessage(Kind.UPDATE, channel, text, blocksJson, key, null);
    }

    public OutboundMessage withKey(String messageKey) {
        return new OutboundMessage(kind, channel, text, blocksJson, messageKey, threadKey, metadataJson, fallback);
    }

    /** Posts as a reply in the thread of the message posted earlier under {@code parentKey}. */
    public OutboundMessage inThreadOf(String parentKey) {
        return new OutboundMessage(kind, channel, text, blocksJson, key, parentKey, metadataJson, fallback);
    }

    /** Posts with Slack message metadata, a JSON object with {@code event_type} and {@code event_payload}. */
    public OutboundMessage withMetadata(String metadata) {
        return new OutboundMessage(kind, channel, text, blocksJson, key, threadKey, metadata, fallback);
    }

    /** When {@code channel} cannot take this POST, it goes to {@code fallback} instead (see {@link Fallback}). */
    public OutboundMessage orElseIn(Fallback fallback) {
        return new OutboundMessage(kind, channel, text, blocksJson, key, threadKey, metadataJson, fallback);
    }
}
