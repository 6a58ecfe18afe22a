package dev.harbormaster.deployment;

import dev.harbormaster.command.Mrkdwn;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** mrkdwn helpers for deployment messages: every value from a cluster, the catalog or a user goes through here. */
final class Text {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Text() {
    }

    static String code(String text) {
        return Mrkdwn.code(text);
    }

    static String person(String userId) {
        if (userId == null || userId.isBlank()) {
            return "someone outside Harbormaster";
        }
        return Mrkdwn.person(userId);
    }

    static String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    static String elapsed(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds < 60 ? seconds + "s" : seconds / 60 + "m " + seconds % 60 + "s";
    }
}
