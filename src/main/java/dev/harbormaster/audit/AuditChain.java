package dev.harbormaster.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an entry's hash is computed, the same way when it is appended and when the chain is verified. Entries
 * are keyed: {@code hash = hex(HMAC-SHA256(entry key, "harbormaster-audit-v2\n" + prev_hash + "\n" + canonical
 * content))}, so that without the audit key no one can compute the hash of a forged, renumbered or re-linked
 * entry. Entries written before the key was adopted keep their legacy, unkeyed hash
 * {@code hex(SHA-256(prev_hash + canonical content))}, which is only recomputed, never rewritten.
 * <p>
 * The canonical content is compact JSON with sorted keys of the entry's id (its sequence number), time (UTC,
 * exactly six fractional digits, as PostgreSQL stores it), actor, action, target and details.
 * <p>
 * The details are hashed as PostgreSQL's jsonb gives them back (its text re-read here with exact
 * decimals, keys sorted, numbers written plain), never as the caller's map: jsonb normalises key order,
 * whitespace and number spelling, so only what it returns can be rebuilt at verification time.
 */
public final class AuditChain {

    /** The {@code prev_hash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private AuditChain() {
    }

    /** One entry's hashed fields, as stored. */
    public record Content(long id, Instant occurredAt, String actorId, String action, String target, String detailsJson) {
    }

    /** The legacy, unkeyed hash of entries written before the audit key was adopted. */
    public static String hash(String prevHash, Content content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(canonical(content).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The keyed hash: covers the entry's sequence number and content (canonical) and the previous hash. */
    static String keyedHash(byte[] entryKey, String prevHash, Content content) {
        return hex(hmac(entryKey, "harbormaster-audit-v2\n" + prevHash + "\n" + canonical(content)));
    }

    static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JVM", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String canonical(Content content) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", content.id());
        fields.put("occurred_at", timestamp(content.occurredAt()));
        fields.put("actor", content.actorId());
        fields.put("action", content.action());
        fields.put("target", content.target());
        fields.put("details", parse(content.detailsJson()));
        try {
            return CANONICAL.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Canonical audit content cannot be written", e);
        }
    }

    /** The time as PostgreSQL's timestamptz keeps it: UTC, microseconds. */
    static String timestamp(Instant instant) {
        return MICROS.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    private static Object parse(String json) {
        try {
            return CANONICAL.readValue(json, new TypeReference<Object>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit details are not JSON", e);
        }
    }
}
