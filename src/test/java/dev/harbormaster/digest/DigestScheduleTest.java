package dev.harbormaster.digest;

import dev.harbormaster.catalog.DigestSchedule;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerUtils;
import org.quartz.spi.OperableTrigger;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule format of the annotation and the command, and the times Quartz fires it at across DST changes. */
class DigestScheduleTest {

    private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");

    @Test
    void readsDaysTimeAndZoneInTheFormsPeopleWrite() {
        DigestSchedule monday = DigestSchedule.parse("MON 09:00 Europe/Prague", null);
        assertEquals(EnumSet.of(DayOfWeek.MONDAY), monday.days());
        assertEquals(LocalTime.of(9, 0), monday.at());
        assertEquals(PRAGUE, monday.zone());
        assertEquals("0 0 9 ? * MON", monday.cron());
        assertEquals("MON,THU 08:30 UTC", DigestSchedule.parse("mon,thu 8:30", ZoneId.of("UTC")).text());
        assertEquals("WEEKDAYS 17:05 Europe/Prague", DigestSchedule.parse("MON-FRI 17:05", PRAGUE).text());
        assertEquals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
                DigestSchedule.parse("SAT-MON 07:00", PRAGUE).days(), "a range may wrap over the week's end");
        assertEquals("DAILY 00:00 UTC", DigestSchedule.parse("daily 00:00", null).text(), "no zone anywhere: UTC");
    }

    @Test
    void refusesWhatItCannotReadAndSaysWhy() {
        assertTrue(assertThrows(DigestSchedule.Invalid.class, () -> DigestSchedule.parse("FUNDAY 09:00", PRAGUE))
                .getMessage().contains("FUNDAY"));
        assertTrue(assertThrows(DigestSchedule.Invalid.class, () -> DigestSchedule.parse("MON 25:00", PRAGUE))
                .getMessage().contains("HH:MM"));
        assertTrue(assertThrows(DigestSchedule.Invalid.class, () -> DigestSchedule.parse("MON 09:00 Mars/Olympus", PRAGUE))
                .getMessage().contains("Mars/Olympus"));
        assertThrows(DigestSchedule.Invalid.class, () -> DigestSchedule.parse("", PRAGUE));
        assertThrows(DigestSchedule.Invalid.class, () -> DigestSchedule.parse("MON".repeat(500) + " 09:00", PRAGUE));
        assertThrows(DigestSchedule.Invalid.class, () -> DigestSchedule.parse("MON 09:00 UTC extra", PRAGUE));
    }

    /**
     * The trigger DigestTriggers makes, fired by Quartz's own calendar arithmetic over a controllable span: 09:00 in
     * Prague is 08:00 UTC in winter and 07:00 UTC in summer, on both sides of the changes of 29 March and 25 October 2026.
     */
    @Test
    void firesAtNineLocalTimeOnBothSidesOfDaylightSavingChanges() {
        DigestSchedule schedule = DigestSchedule.parse("MON 09:00 Europe/Prague", null);
        CronTrigger trigger = TriggerBuilder.newTrigger().withIdentity("payments", DigestTriggers.GROUP)
                .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron()).inTimeZone(TimeZone.getTimeZone(schedule.zone())))
                .startAt(Date.from(ZonedDateTime.parse("2026-03-16T00:00:00Z").toInstant())).build();
        List<Date> spring = TriggerUtils.computeFireTimesBetween((OperableTrigger) trigger, null,
                Date.from(ZonedDateTime.parse("2026-03-16T00:00:00Z").toInstant()),
                Date.from(ZonedDateTime.parse("2026-04-07T00:00:00Z").toInstant()));
        assertEquals(List.of("2026-03-16T08:00:00Z", "2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z", "2026-04-06T07:00:00Z"),
                spring.stream().map(d -> d.toInstant().toString()).toList());
        List<Date> autumn = TriggerUtils.computeFireTimesBetween((OperableTrigger) trigger, null,
                Date.from(ZonedDateTime.parse("2026-10-18T00:00:00Z").toInstant()),
                Date.from(ZonedDateTime.parse("2026-11-03T00:00:00Z").toInstant()));
        assertEquals(List.of("2026-10-19T07:00:00Z", "2026-10-26T08:00:00Z", "2026-11-02T08:00:00Z"),
                autumn.stream().map(d -> d.toInstant().toString()).toList());
        spring.forEach(fire -> assertEquals(LocalTime.of(9, 0), fire.toInstant().atZone(PRAGUE).toLocalTime()));
    }

    @Test
    void aFireStandsForTheLatestDueTimeAndTheDigestCoversThePeriodSinceTheOneBefore() {
        DigestSchedule schedule = DigestSchedule.parse("MON,THU 09:00 Europe/Prague", null);
        ZonedDateTime lateFire = ZonedDateTime.parse("2026-03-30T11:40:00+02:00[Europe/Prague]");
        ZonedDateTime due = schedule.latestDueAtOrBefore(lateFire);
        assertEquals(ZonedDateTime.parse("2026-03-30T09:00:00+02:00[Europe/Prague]"), due);
        assertEquals(ZonedDateTime.parse("2026-03-26T09:00:00+01:00[Europe/Prague]"), schedule.previousDue(due),
                "the period crosses the DST change and still starts at 09:00 local");
        assertEquals(due, schedule.latestDueAtOrBefore(due), "a fire on time stands for itself");
        assertEquals(List.of(ZonedDateTime.parse("2026-04-02T09:00:00+02:00[Europe/Prague]"),
                ZonedDateTime.parse("2026-04-06T09:00:00+02:00[Europe/Prague]")), schedule.nextDue(due, 2));
    }
}
