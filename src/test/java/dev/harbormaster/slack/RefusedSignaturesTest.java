package dev.harbormaster.slack;

import dev.harbormaster.testing.SignedSlackRequest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flood of forged requests over real HTTP: every one is refused and counted, and the log gets one line per
 * source address and reason in a minute, not one per request.
 */
@QuarkusTest
class RefusedSignaturesTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void twoThousandForgedRequestsGiveOneWarningPerSourceAndReason() throws Exception {
        // addresses of their own, so that no other test's refusals have opened this minute's window already
        String first = "127.%d.%d.2".formatted(ThreadLocalRandom.current().nextInt(1, 255), ThreadLocalRandom.current().nextInt(1, 255));
        String second = first.substring(0, first.length() - 1) + "3";
        String badSignature = "harbormaster_slack_rejected_total{reason=\"bad_signature\"}";
        String stale = "harbormaster_slack_rejected_total{reason=\"stale_timestamp\"}";
        double badBefore = ScrapedMetrics.value(badSignature);
        double staleBefore = ScrapedMetrics.value(stale);

        int badSent = 0;
        int staleSent = 0;
        try (CapturedLog log = CapturedLog.of(SlackRefusals.class)) {
            ExecutorService senders = Executors.newFixedThreadPool(8);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String from = i % 2 == 0 ? first : second;
                boolean old = from.equals(second) && i % 100 == 1;
                staleSent += old ? 1 : 0;
                badSent += old ? 0 : 1;
                statuses.add(senders.submit(() -> forged(from, old)));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(401, status.get());
            }
            senders.shutdown();

            List<String> warnings = log.warnings();
            assertEquals(1, warnings.stream().filter(line -> line.contains(first) && line.contains("bad_signature")).count(), warnings.toString());
            assertEquals(1, warnings.stream().filter(line -> line.contains(second) && line.contains("bad_signature")).count(), warnings.toString());
            assertEquals(1, warnings.stream().filter(line -> line.contains(second) && line.contains("stale_timestamp")).count(), warnings.toString());
            assertTrue(warnings.stream().filter(line -> line.contains(first)).allMatch(line ->
                    line.contains("signature does not match") && line.contains("counted, not logged")), warnings.toString());
        }
        assertEquals(badBefore + badSent, ScrapedMetrics.value(badSignature));
        assertEquals(staleBefore + staleSent, ScrapedMetrics.value(stale));
    }

    private static int forged(String from, boolean old) {
        String body = SignedSlackRequest.slashCommandBody("UMALLORY", "CPAYMENTS", "help", "http://127.0.0.1:9/x");
        long now = Instant.now().getEpochSecond();
        if (old) {
            long then = now - 600;
            return SignedSlackRequest.postFrom(from, body, FORM, then,
                    SignedSlackRequest.sign(SignedSlackRequest.TEST_SIGNING_SECRET, then, body));
        }
        return SignedSlackRequest.postFrom(from, body, FORM, now, SignedSlackRequest.sign("forged", now, body));
    }
}
