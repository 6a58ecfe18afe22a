package dev.harbormaster.slack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final LogThrottle throttle = new LogThrottle(Duration.ofMinutes(1), 100, now::get);

    @Test
    void tenThousandAlikeGiveOneLineThenOneCountWhenTheMinuteIsOver() {
        List<LogThrottle.Note> notes = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            notes.addAll(throttle.occurred("bad_signature from 127.0.0.1"));
            now.addAndGet(Duration.ofMillis(5).toNanos());
        }
        assertEquals(List.of(new LogThrottle.Note("bad_signature from 127.0.0.1", 0)), notes);

        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertEquals(List.of(new LogThrottle.Note("bad_signature from 127.0.0.1", 9_999),
                new LogThrottle.Note("bad_signature from 127.0.0.1", 0)), throttle.occurred("bad_signature from 127.0.0.1"));
    }

    @Test
    void eachKeyHasItsOwnFirstLine() {
        assertEquals(1, throttle.occurred("bad_signature from 10.0.0.1").size());
        assertEquals(1, throttle.occurred("stale_timestamp from 10.0.0.1").size());
        assertEquals(1, throttle.occurred("bad_signature from 10.0.0.2").size());
        assertEquals(0, throttle.occurred("bad_signature from 10.0.0.1").size());
    }

    @Test
    void aQuietKeysCountIsReportedWhenAnythingElseArrivesAfterItsMinute() {
        throttle.occurred("a");
        throttle.occurred("a");
        throttle.occurred("a");
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals(List.of(new LogThrottle.Note("a", 2), new LogThrottle.Note("b", 0)), throttle.occurred("b"));
        assertEquals(1, throttle.openWindows(), "the ended window was let go");
    }

    @Test
    void anAttackerVaryingTheSourceNeitherGrowsMemoryNorTheLogWithoutBound() {
        long lines = 0;
        for (int i = 0; i < 100_000; i++) {
            lines += throttle.occurred("bad_signature from 10.%d.%d.%d".formatted(i >> 16, (i >> 8) & 255, i & 255)).size();
            assertTrue(throttle.openWindows() <= 101);
        }
        assertEquals(101, lines, "one line per source that found room, and one saying further sources are not logged");
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        List<LogThrottle.Note> after = throttle.occurred("bad_signature from 10.0.0.0");
        assertTrue(after.contains(new LogThrottle.Note(LogThrottle.OVERFLOW, 100_000 - 101)), after.toString());
        assertEquals(1, throttle.openWindows());
    }
}
