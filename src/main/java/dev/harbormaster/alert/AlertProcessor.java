package dev.harbormaster.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a stored notification into what people see: the group's record and its alerts' records, then the group's
 * message (new, edited, or a line in the team's storm summary) and a thread reply for each change of state. One
 * notification per transaction; notifications of one group one at a time (an advisory lock on its key).
 */
@ApplicationScoped
public class AlertProcessor {

    private static final Logger LOG = Logger.getLogger(AlertProcessor.class);
    static final Duration STORM_WINDOW = Duration.ofMinutes(1);
    /** A storm's summary is edited at most this often however fast groups arrive. */
    static final Duration STORM_EDIT_INTERVAL = Duration.ofSeconds(3);

    @Inject
    AlertInbox inbox;
    @Inject
    AlertRepository alerts;
    @Inject
    AlertRouting routing;
    @Inject
    AlertMessages messages;
    @Inject
    AlertSettings settings;
    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper json;

    /** Processes the oldest waiting notification; false when there was none. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean processNext() {
        Optional<AlertInbox.Pending> pending = inbox.claimNext();
        if (pending.isEmpty()) {
            return false;
        }
        try {
            apply(AlertNotificationParser.parse(pending.get().payload()), pending.get().alertmanager());
        } catch (InvalidNotificationException e) {
            // It was read when received; a stored body that no longer parses would block every later one.
            LOG.warnf("Stored alert notification %d no longer parses (%s); skipped", pending.get().id(), e.getMessage());
        }
        inbox.processed(pending.get().id());
        return true;
    }

    /** After {@link #processNext} failed: counts it against the notification, which is set aside after a few. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void countFailure() {
        inbox.failed();
    }

    /** Queues the edit of every storm summary that changed since its last edit, at most every few seconds. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void editStorms() {
        alerts.stormsToEdit(Instant.now().minus(STORM_EDIT_INTERVAL)).forEach(messages::editStorm);
    }

    void apply(AlertNotification notification, String sender) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "alert-group:" + notification.groupKey()).getSingleResult();
        Instant now = Instant.now();
        Optional<AlertGroup> existing = alerts.byGroupKey(notification.groupKey());
        AlertRouting.Destination destination = routing.route(notification);
        AlertGroup group = existing.orElseGet(() -> newGroup(notification, destination, now));
        String before = group.status;
        int firingBefore = group.firingCount;
        describe(group, notification, destination, sender);
        int firing = (int) notification.alerts().stream().filter(AlertNotification.Alert::firing).count();
        group.firingCount = notification.resolved() ? 0 : firing;
        group.alertCount = Math.max(group.alertCount, notification.alerts().size());
        group.status = notification.resolved() || firing == 0 ? AlertGroup.RESOLVED : AlertGroup.FIRING;
        Instant firstStart = notification.alerts().stream().map(AlertNotification.Alert::startsAt).min(Comparator.naturalOrder()).orElse(now);
        boolean firingAgain = existing.isPresent() && AlertGroup.RESOLVED.equals(before) && group.firing();
        if (firingAgain) {
            group.firstFiredAt = firstStart;
            group.resolvedAt = null;
            group.acknowledgedBy = null;
            group.acknowledgedAt = null;
        }
        if (!group.firing() && group.resolvedAt == null) {
            group.resolvedAt = notification.alerts().stream().map(a -> a.endsAt().orElse(now)).max(Comparator.naturalOrder()).orElse(now);
        }
        group.updatedAt = now;
        if (existing.isEmpty()) {
            alerts.persistAndFlush(group);
        }
        record(group, notification);
        if (existing.isEmpty()) {
            announce(group, now);
            return;
        }
        String reply = null;
        if (firingAgain) {
            reply = AlertGroupMessage.firingAgain(group);
        } else if (AlertGroup.FIRING.equals(before) && !group.firing()) {
            reply = AlertGroupMessage.resolved(group);
        } else if (group.firing() && group.firingCount != firingBefore) {
            reply = AlertGroupMessage.firing(group, firingBefore);
        }
        messages.changed(group, reply);
    }

    private AlertGroup newGroup(AlertNotification notification, AlertRouting.Destination destination, Instant now) {
        AlertGroup group = new AlertGroup();
        group.groupKey = notification.groupKey();
        group.channel = destination.route().channel();
        group.team = destination.route().team().orElse(null);
        group.service = destination.service();
        group.environment = destination.environment();
        group.routingHint = destination.hint();
        group.createdAt = now;
        group.firstFiredAt = notification.alerts().stream().map(AlertNotification.Alert::startsAt)
                .min(Comparator.naturalOrder()).orElse(now);
        group.status = AlertGroup.FIRING;
        return group;
    }

    /** What the message shows, from the latest notification (annotations may change between them). */
    private void describe(AlertGroup group, AlertNotification notification, AlertRouting.Destination destination, String sender) {
        group.alertname = notification.label("alertname").orElse(group.alertname);
        group.severity = notification.label("severity").orElse(group.severity);
        group.summary = notification.annotation("summary").or(() -> notification.annotation("message")).orElse(group.summary);
        group.description = notification.annotation("description").orElse(group.description);
        group.runbookUrl = notification.annotation("runbook_url").orElse(destination.runbookUrl());
        group.dashboardUrl = notification.annotation("dashboard_url").orElse(destination.dashboardUrl());
        group.sourceUrl = notification.alerts().stream().map(AlertNotification.Alert::generatorUrl)
                .filter(url -> url != null && !url.isBlank()).findFirst().orElse(group.sourceUrl);
        group.commonLabels = labelsJson(notification);
        if (sender != null) {
            group.alertmanager = sender;
        }
    }

    private String labelsJson(AlertNotification notification) {
        try {
            return json.writeValueAsString(new TreeMap<>(notification.commonLabels().isEmpty()
                    ? notification.groupLabels() : notification.commonLabels()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    /** Every alert is kept, with the team and service it was routed to, whatever the message shows. */
    private void record(AlertGroup group, AlertNotification notification) {
        for (AlertNotification.Alert alert : notification.alerts()) {
            AlertRecord record = alerts.alert(alert.fingerprint(), alert.startsAt()).orElseGet(() -> {
                AlertRecord created = new AlertRecord();
                created.fingerprint = alert.fingerprint();
                created.startsAt = alert.startsAt();
                created.groupId = group.id;
                created.service = group.service;
                created.team = group.team;
                created.environment = group.environment;
                return created;
            });
            record.alertname = alert.labels().getOrDefault("alertname", group.alertname);
            record.severity = alert.labels().getOrDefault("severity", group.severity);
            record.status = alert.status();
            record.endsAt = alert.firing() ? null : alert.endsAt().orElse(Instant.now());
            if (record.id == null) {
                alerts.persistAlert(record);
            }
        }
    }

    /**
     * A new group gets its own message, unless its channel had more new groups within the last minute than the storm
     * threshold: then it is listed in the channel's storm summary, posted once and edited as more arrive.
     */
    private void announce(AlertGroup group, Instant now) {
        long recent = alerts.newGroupsSince(group.channel, now.minus(STORM_WINDOW));
        if (recent <= settings.stormThreshold()) {
            messages.post(group);
            return;
        }
        Optional<AlertStorm> active = alerts.activeStorm(group.channel, now.minus(STORM_WINDOW));
        AlertStorm storm = active.orElseGet(() -> {
            AlertStorm started = new AlertStorm();
            started.team = group.team == null ? "platform" : group.team;
            started.channel = group.channel;
            started.startedAt = now;
            started.lastGroupAt = now;
            started.editQueuedAt = now;
            started.messageKey = "pending";
            alerts.persistStorm(started);
            started.messageKey = AlertStormMessage.key(started);
            return started;
        });
        storm.lastGroupAt = now;
        group.stormId = storm.id;
        entityManager.flush();
        if (active.isEmpty()) {
            LOG.infof("Alert storm in %s: more than %d new groups within %s", group.channel, settings.stormThreshold(), STORM_WINDOW);
            messages.postStorm(storm);
        } else {
            storm.dirty = true;
        }
    }
}
