package dev.harbormaster.catalog;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * When a team's digest is due: days of the week, a local time and a time zone, written as in the Group annotation
 * {@code harbormaster.dev/digest: "MON 09:00 Europe/Prague"}. Days are {@code MON}, a list {@code MON,THU}, a range
 * {@code MON-FRI}, {@code WEEKDAYS} or {@code DAILY}; the zone may be left out (then the team's time zone, else UTC).
 */
public record DigestSchedule(Set<DayOfWeek> days, LocalTime at, ZoneId zone) {

    public static final String ANNOTATION = "harbormaster.dev/digest";
    public static final DigestSchedule DEFAULT = new DigestSchedule(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(9, 0),
            ZoneId.of("UTC"));

    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");
    private static final int MAX_TEXT = 200;

    public DigestSchedule {
        days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    /** A schedule that cannot be read, with the reason in words a person can act on. */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String reason) {
            super(reason);
        }
    }

    /**
     * Reads {@code "<days> <HH:MM> [zone]"}; {@code fallbackZone} applies when the text names none.
     *
     * @throws Invalid with what is wrong
     */
    public static DigestSchedule parse(String text, ZoneId fallbackZone) {
        if (text == null || text.isBlank()) {
            throw new Invalid("is empty; write it as \"MON 09:00 Europe/Prague\"");
        }
        if (text.length() > MAX_TEXT) {
            throw new Invalid("is longer than " + MAX_TEXT + " characters");
        }
        String[] parts = text.trim().split("\\s+");
        if (parts.length < 2 || parts.length > 3) {
            throw new Invalid("should be \"<days> <HH:MM> [time zone]\", e.g. \"MON 09:00 Europe/Prague\"");
        }
        Set<DayOfWeek> days = days(parts[0]);
        Matcher time = TIME.matcher(parts[1]);
        if (!time.matches()) {
            throw new Invalid("has time `" + parts[1] + "`; use 24-hour HH:MM, e.g. 09:00");
        }
        ZoneId zone = parts.length == 3 ? zone(parts[2]) : fallbackZone == null ? DEFAULT.zone : fallbackZone;
        return new DigestSchedule(days, LocalTime.of(Integer.parseInt(time.group(1)), Integer.parseInt(time.group(2))), zone);
    }

    public static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new Invalid("names time zone `" + id + "`, which is not an IANA zone id such as Europe/Prague");
        }
    }

    private static Set<DayOfWeek> days(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.equals("DAILY")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        if (upper.equals("WEEKDAYS")) {
            return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : upper.split(",")) {
            String[] range = item.split("-", -1);
            if (range.length == 2) {
                DayOfWeek from = day(range[0]);
                DayOfWeek to = day(range[1]);
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to) {
                        break;
                    }
                }
            } else if (range.length == 1) {
                days.add(day(item));
            } else {
                throw new Invalid("has days `" + text + "`; use MON, MON,THU, MON-FRI, WEEKDAYS or DAILY");
            }
        }
        return days;
    }

    private static DayOfWeek day(String abbreviation) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT).equals(abbreviation)) {
                return day;
            }
        }
        throw new Invalid("has day `" + abbreviation + "`; days are MON TUE WED THU FRI SAT SUN");
    }

    /** The Quartz cron expression (seconds first), read in {@link #zone()}. */
    public String cron() {
        return "0 " + at.getMinute() + " " + at.getHour() + " ? * " + days.stream()
                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT))
                .collect(Collectors.joining(","));
    }

    /** The form the annotation and the command take, e.g. {@code MON,THU 09:00 Europe/Prague}. */
    public String text() {
        String dayText = days.size() == 7 ? "DAILY" : days.equals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))
                ? "WEEKDAYS" : days.stream().map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                .toUpperCase(Locale.ROOT)).collect(Collectors.joining(","));
        return dayText + " " + at + " " + zone.getId();
    }

    /** The due time before {@code due}: where the period a digest covers starts. */
    public ZonedDateTime previousDue(ZonedDateTime due) {
        ZonedDateTime local = due.withZoneSameInstant(zone);
        for (int back = 1; back <= 7; back++) {
            ZonedDateTime candidate = local.toLocalDate().minusDays(back).atTime(at).atZone(zone);
            if (days.contains(candidate.getDayOfWeek())) {
                return candidate;
            }
        }
        return local.minusWeeks(1);
    }

    /** The last due time at or before {@code moment}: the digest a fire at {@code moment} stands for. */
    public ZonedDateTime latestDueAtOrBefore(ZonedDateTime moment) {
        ZonedDateTime local = moment.withZoneSameInstant(zone);
        for (int back = 0; back <= 7; back++) {
            ZonedDateTime candidate = local.toLocalDate().minusDays(back).atTime(at).atZone(zone);
            if (days.contains(candidate.getDayOfWeek()) && !candidate.isAfter(local)) {
                return candidate;
            }
        }
        return previousDue(local);
    }

    /** The next {@code count} due times after {@code from}, for people checking what they set. */
    public List<ZonedDateTime> nextDue(ZonedDateTime from, int count) {
        List<ZonedDateTime> due = new ArrayList<>();
        ZonedDateTime local = from.withZoneSameInstant(zone);
        for (int ahead = 0; due.size() < count && ahead < 8 * count; ahead++) {
            ZonedDateTime candidate = local.toLocalDate().plusDays(ahead).atTime(at).atZone(zone);
            if (days.contains(candidate.getDayOfWeek()) && candidate.isAfter(from)) {
                due.add(candidate);
            }
        }
        return due;
    }
}
