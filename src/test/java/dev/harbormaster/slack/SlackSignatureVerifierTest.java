package dev.harbormaster.slack;

import dev.harbormaster.testing.SignedSlackRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SlackSignatureVerifierTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private final SlackSignatureVerifier verifier = new SlackSignatureVerifier(SECRET);
    private final Instant now = Instant.ofEpochSecond(1_700_000_000L);
    private final String body = "token=x&command=%2Fplatform&text=help";

    @Test
    void acceptsWhatSlackWouldSend() {
        String ts = Long.toString(now.getEpochSecond());
        assertEquals(SlackSignatureVerifier.Outcome.VALID,
                verifier.verify(ts, SignedSlackRequest.sign(SECRET, now.getEpochSecond(), body), body, now));
    }

    @Test
    void refusesAnotherSecretOrAnAlteredBody() {
        String ts = Long.toString(now.getEpochSecond());
        assertEquals(SlackSignatureVerifier.Outcome.BAD_SIGNATURE,
                verifier.verify(ts, SignedSlackRequest.sign("other", now.getEpochSecond(), body), body, now));
        assertEquals(SlackSignatureVerifier.Outcome.BAD_SIGNATURE,
                verifier.verify(ts, SignedSlackRequest.sign(SECRET, now.getEpochSecond(), body), body + "x", now));
    }

    @Test
    void refusesTimestampsMoreThanFiveMinutesOffEitherWay() {
        for (long skew : new long[]{-301, 301, -360, 360}) {
            long ts = now.getEpochSecond() + skew;
            assertEquals(SlackSignatureVerifier.Outcome.STALE_TIMESTAMP,
                    verifier.verify(Long.toString(ts), SignedSlackRequest.sign(SECRET, ts, body), body, now), "skew " + skew);
        }
        long edge = now.getEpochSecond() - 300;
        assertEquals(SlackSignatureVerifier.Outcome.VALID,
                verifier.verify(Long.toString(edge), SignedSlackRequest.sign(SECRET, edge, body), body, now));
    }

    @Test
    void refusesMissingOrGarbledHeaders() {
        assertEquals(SlackSignatureVerifier.Outcome.MISSING_HEADERS, verifier.verify(null, "v0=abc", body, now));
        assertEquals(SlackSignatureVerifier.Outcome.MISSING_HEADERS, verifier.verify("soon", "v0=abc", body, now));
        assertEquals(SlackSignatureVerifier.Outcome.MISSING_HEADERS, verifier.verify("1", "", body, now));
    }
}
