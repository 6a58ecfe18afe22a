package dev.harbormaster.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lengths people type for a silence, and "until 09:00 tomorrow" in the team's time zone. */
class SilenceTimesTest {

    @Test
    void lengthsAreMinutesHoursAndDaysUpToThirtyDays() {
        assertEquals(Optional.of(Duration.ofMinutes(90)), SilenceLength.parse("1h30m"));
        assertEquals(Optional.of(Duration.ofHours(4)), SilenceLength.parse(" 4H "));
        assertEquals(Optional.of(Duration.ofDays(2)), SilenceLength.parse("2d"));
        assertEquals(Optional.empty(), SilenceLength.parse("0m"));
        assertEquals(Optional.empty(), SilenceLength.parse("31d"));
        assertEquals(Optional.empty(), SilenceLength.parse("forever"));
        assertEquals(Optional.empty(), SilenceLength.parse("-1h"));
    }

    @Test
    void tomorrowMorningIsNineOClockOfTheNextDayWhereTheTeamIs() {
        Instant lateEvening = Instant.parse("2026-12-02T22:30:00Z");
        assertEquals(Instant.parse("2026-12-03T09:00:00Z"), AlertClicks.morningAfter(lateEvening, ZoneOffset.UTC));
        // 22:30 UTC is already the 3rd in Tokyo: tomorrow there is the 4th, 09:00 JST = 00:00 UTC.
        assertEquals(Instant.parse("2026-12-04T00:00:00Z"), AlertClicks.morningAfter(lateEvening, ZoneId.of("Asia/Tokyo")));
        assertEquals(Instant.parse("2026-12-03T14:00:00Z"), AlertClicks.morningAfter(lateEvening, ZoneId.of("America/New_York")));
    }
}
