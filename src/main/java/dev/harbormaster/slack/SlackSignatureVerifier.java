package dev.harbormaster.slack;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Slack's v0 request signature: {@code v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)}.
 * Compared in constant time; a timestamp more than five minutes away from now, in either direction,
 * fails, so a captured request cannot be replayed later.
 */
public final class SlackSignatureVerifier {

    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    public enum Outcome {
        VALID("valid"),
        MISSING_HEADERS("no readable X-Slack-Request-Timestamp and X-Slack-Signature"),
        STALE_TIMESTAMP("its timestamp is more than five minutes off"),
        BAD_SIGNATURE("the signature does not match the body");

        /** Why, in words, for the log. */
        public final String description;

        Outcome(String description) {
            this.description = description;
        }
    }

    private final byte[] secret;

    public SlackSignatureVerifier(String signingSecret) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    }

    public Outcome verify(String timestamp, String signature, String body, Instant now) {
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
            return Outcome.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Outcome.MISSING_HEADERS;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > MAX_CLOCK_SKEW.toSeconds()) {
            return Outcome.STALE_TIMESTAMP;
        }
        byte[] expected = sign(timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signature.trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) ? Outcome.VALID : Outcome.BAD_SIGNATURE;
    }

    /** The signature Slack would send for this timestamp and body. */
    public String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
