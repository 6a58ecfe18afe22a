package dev.harbormaster.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A signed statement of where the audit chain stood: its last entry, how many entries it had, and the last
 * entry's hash, at a time. It is kept outside the table (a message in the audit channel, whose metadata
 * carries it, and a log line), so that entries removed from the chain's end, or a chain rewritten since,
 * can be found by comparing the table with it.
 *
 * @param signature HMAC-SHA256 of {@link Head#signedText()} with the key derived from the audit key
 */
public record AuditCheckpoint(Head head, String signature, Source source) {

    /** The Slack message metadata event type that marks a checkpoint message. */
    public static final String EVENT_TYPE = "harbormaster_audit_checkpoint";

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

    /** Where a checkpoint was read from: the audit channel, or the copy kept in the database. */
    public enum Source { CHANNEL, DATABASE }

    /**
     * @param lastId   the last entry's id (its sequence number), 0 for an empty chain
     * @param entries  how many entries the table held
     * @param lastHash the last entry's hash, the chain's head
     * @param at       when, to the second
     * @param keyId    the audit key's public id ({@link AuditKey#id()})
     */
    public record Head(long lastId, long entries, String lastHash, Instant at, String keyId) {

        public Head {
            at = at.truncatedTo(ChronoUnit.SECONDS);
        }

        /** What the signature covers, one field a line. */
        String signedText() {
            return "harbormaster-audit-checkpoint-v1\n" + lastId + "\n" + entries + "\n" + lastHash + "\n" + at + "\n" + keyId;
        }
    }

    AuditCheckpoint from(Source other) {
        return new AuditCheckpoint(head, signature, other);
    }

    /** The message metadata's event payload: the signed fields and the signature. */
    Map<String, Object> payload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sequence", head.lastId());
        payload.put("entries", head.entries());
        payload.put("head", head.lastHash());
        payload.put("time", head.at().toString());
        payload.put("key_id", head.keyId());
        payload.put("signature", signature);
        return payload;
    }

    /** A checkpoint as read back from message metadata; empty when the payload is not one (it is not yet checked). */
    static Optional<AuditCheckpoint> fromPayload(Map<String, ?> payload, Source source) {
        if (payload == null) {
            return Optional.empty();
        }
        try {
            long lastId = number(payload.get("sequence"));
            long entries = number(payload.get("entries"));
            String lastHash = text(payload.get("head"), HASH);
            String keyId = text(payload.get("key_id"), KEY_ID);
            String signature = text(payload.get("signature"), HASH);
            Instant at = Instant.parse(String.valueOf(payload.get("time")));
            if (lastId < 0 || entries < 0 || lastHash == null || keyId == null || signature == null) {
                return Optional.empty();
            }
            return Optional.of(new AuditCheckpoint(new Head(lastId, entries, lastHash, at, keyId), signature, source));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Slack's JSON may give numbers back as doubles (1234.0) or, from other clients, as strings. */
    private static long number(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        if (value instanceof String s) {
            return Long.parseLong(s);
        }
        throw new NumberFormatException("not a whole number: " + value);
    }

    private static String text(Object value, Pattern shape) {
        return value instanceof String s && shape.matcher(s).matches() ? s : null;
    }
}
