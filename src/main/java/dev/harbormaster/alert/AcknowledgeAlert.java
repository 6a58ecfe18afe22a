package dev.harbormaster.alert;

import dev.harbormaster.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Acknowledge: someone is on it. Recorded on the group and on each of its alerts (time to acknowledge), shown on the
 * message, replied in its thread and audited, in one transaction; a second person is told who already did.
 */
@ApplicationScoped
public class AcknowledgeAlert {

    @Inject
    AlertRepository alerts;
    @Inject
    AlertMessages messages;
    @Inject
    AuditTrail audit;

    /** @return what to tell the person who clicked (mrkdwn) */
    @Transactional
    public String acknowledge(long groupId, String userId) {
        Optional<AlertGroup> found = alerts.lockGroup(groupId);
        if (found.isEmpty()) {
            return "That alert group is not known any more.";
        }
        AlertGroup group = found.get();
        if (group.acknowledgedBy != null) {
            return group.acknowledgedBy.equals(userId)
                    ? "You acknowledged it already, at " + AlertGroupMessage.time(group.acknowledgedAt) + "."
                    : "<@" + group.acknowledgedBy + "> acknowledged it already, at " + AlertGroupMessage.time(group.acknowledgedAt) + ".";
        }
        Instant now = Instant.now();
        group.acknowledgedBy = userId;
        group.acknowledgedAt = now;
        group.updatedAt = now;
        alerts.acknowledgeAlerts(group.id, userId, now);
        messages.changed(group, AlertGroupMessage.acknowledged(userId));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("group", group.id);
        details.put("alertname", group.alertname);
        details.put("environment", group.environment);
        details.put("severity", group.severity);
        audit.record(userId, "alert.acknowledged", group.service == null ? "platform" : AuditTrail.serviceTarget(group.service), details);
        return "You acknowledged " + dev.harbormaster.command.Mrkdwn.code(AlertGroupMessage.name(group), 100) + ".";
    }
}
