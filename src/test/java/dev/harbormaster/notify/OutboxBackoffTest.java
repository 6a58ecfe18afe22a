package dev.harbormaster.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutboxBackoffTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration MINUTE = Duration.ofSeconds(60);

    @Test
    void waitsDoubleWithJitterUpToTheCap() {
        assertEquals(Duration.ofMillis(500), OutboxDelivery.backoff(1, SECOND, MINUTE, 0.0));
        assertEquals(Duration.ofMillis(1000), OutboxDelivery.backoff(1, SECOND, MINUTE, 1.0));
        assertEquals(Duration.ofMillis(4000), OutboxDelivery.backoff(3, SECOND, MINUTE, 1.0));
        assertEquals(Duration.ofMillis(30_000), OutboxDelivery.backoff(40, SECOND, MINUTE, 0.0));
        assertEquals(MINUTE, OutboxDelivery.backoff(1_000, SECOND, MINUTE, 1.0));
    }

    @Test
    void retryAfterIsReadAsSecondsAndFallsBackToOneSecond() {
        assertEquals(Duration.ofSeconds(30), OutboxDelivery.retryAfter("30"));
        assertEquals(SECOND, OutboxDelivery.retryAfter(null));
        assertEquals(SECOND, OutboxDelivery.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT"));
    }
}
