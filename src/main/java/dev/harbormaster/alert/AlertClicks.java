package dev.harbormaster.alert;

import dev.harbormaster.approval.ApprovalEngine;
import dev.harbormaster.approval.ApprovalReplies;
import dev.harbormaster.approval.SubmitResult;
import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Team;
import dev.harbormaster.slack.SlackConnection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * What the buttons of an alert message do, as the clicking person (Slack's signed user id): Acknowledge, and the
 * Silence and Unsilence buttons, which ask the approval engine for the same {@link SilenceAlerts} and
 * {@link UnsilenceAlerts} actions the typed commands ask for. Runs after the ack: Alertmanager may be slow.
 */
@ApplicationScoped
public class AlertClicks {

    static final LocalTime MORNING = LocalTime.of(9, 0);

    @Inject
    AcknowledgeAlert acknowledge;
    @Inject
    ApprovalEngine engine;
    @Inject
    AlertRepository alerts;
    @Inject
    Catalog catalog;
    @Inject
    SlackConnection connection;

    @ActivateRequestContext
    public String acknowledge(String buttonValue, String userId) {
        return groupId(buttonValue).map(id -> acknowledge.acknowledge(id, userId)).orElse(stale());
    }

    /** A Silence button: {@code 1h}, {@code 4h} or {@code morning} (09:00 tomorrow in the owning team's time zone). */
    @ActivateRequestContext
    public String silence(String buttonValue, String userId, String which) {
        Optional<Long> id = groupId(buttonValue);
        if (id.isEmpty()) {
            return stale();
        }
        Map<String, String> parameters = switch (which) {
            case "morning" -> Map.of(SilenceAlerts.GROUP, id.get().toString(), SilenceAlerts.UNTIL,
                    tomorrowMorning(id.get(), Instant.now()).toString());
            default -> Map.of(SilenceAlerts.GROUP, id.get().toString(), SilenceAlerts.DURATION, which);
        };
        return submitSilence(parameters, userId, null);
    }

    /** The custom silence form: a length people typed and why. */
    @ActivateRequestContext
    public String silenceFor(long groupId, String userId, String length, String reason) {
        return submitSilence(Map.of(SilenceAlerts.GROUP, Long.toString(groupId), SilenceAlerts.DURATION, length,
                SilenceAlerts.COMMENT, reason), userId, reason);
    }

    @ActivateRequestContext
    public String unsilence(String buttonValue, String userId) {
        Optional<String> silence = groupId(buttonValue).flatMap(id -> QuarkusTransaction.requiringNew()
                .call(() -> alerts.findByIdOptional(id).map(g -> g.silenceId)));
        if (silence.isEmpty()) {
            return "That alert is not silenced any more.";
        }
        SubmitResult result = engine.submit(UnsilenceAlerts.NAME, Map.of(UnsilenceAlerts.ID, silence.get()), userId, null, null);
        return ApprovalReplies.reply(result, connection.slashCommand() + " unsilence " + silence.get()).text();
    }

    /** A title for the custom form. */
    @ActivateRequestContext
    public Optional<String> groupName(String buttonValue) {
        return groupId(buttonValue).flatMap(id -> QuarkusTransaction.requiringNew()
                .call(() -> alerts.findByIdOptional(id).map(g -> AlertGroupMessage.name(g)
                        + (g.service == null ? "" : " on " + g.service))));
    }

    private String submitSilence(Map<String, String> parameters, String userId, String reason) {
        SubmitResult result = engine.submit(SilenceAlerts.NAME, parameters, userId, reason, null);
        return ApprovalReplies.reply(result, connection.slashCommand() + " silence").text();
    }

    /** 09:00 of the day after today, in the owning team's time zone (its {@code harbormaster.dev/timezone}), else UTC. */
    Instant tomorrowMorning(long groupId, Instant now) {
        ZoneId zone = QuarkusTransaction.requiringNew().call(() -> alerts.findByIdOptional(groupId)
                .map(g -> g.team).flatMap(catalog::team).map((Team t) -> t.timeZone).map(AlertClicks::zone)
                .orElse(ZoneOffset.UTC));
        return morningAfter(now, zone);
    }

    static Instant morningAfter(Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now, zone).plusDays(1).atTime(MORNING).atZone(zone).toInstant();
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    static Optional<Long> groupId(String value) {
        return value != null && value.matches("\\d{1,18}") ? Optional.of(Long.parseLong(value)) : Optional.empty();
    }

    private static String stale() {
        return "That button is from a message Harbormaster does not know; use `alerts` to see what is firing.";
    }
}
