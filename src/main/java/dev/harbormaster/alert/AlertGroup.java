package dev.harbormaster.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One alert group (Alertmanager's groupKey) as the team sees it: its message, state, acknowledgement and silence. */
@Entity
@Table(name = "alert_group")
public class AlertGroup {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "group_key")
    public String groupKey;
    public String status;
    public String alertname;
    public String service;
    public String team;
    public String environment;
    public String channel;
    /** Why it is in the platform channel and which label would route it (mrkdwn), or null when routed. */
    @Column(name = "routing_hint")
    public String routingHint;
    public String severity;
    public String summary;
    public String description;
    @Column(name = "runbook_url")
    public String runbookUrl;
    @Column(name = "source_url")
    public String sourceUrl;
    @Column(name = "dashboard_url")
    public String dashboardUrl;
    /** The labels every alert of the group shares, as JSON: the matchers of its silences. */
    @Column(name = "common_labels")
    public String commonLabels;
    /** The configured Alertmanager that sent it, where its silences go; null when not known. */
    public String alertmanager;
    @Column(name = "firing_count")
    public int firingCount;
    @Column(name = "alert_count")
    public int alertCount;
    @Column(name = "first_fired_at")
    public Instant firstFiredAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "message_key")
    public String messageKey;
    @Column(name = "storm_id")
    public Long stormId;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "silence_id")
    public String silenceId;
    @Column(name = "silenced_by")
    public String silencedBy;
    @Column(name = "silenced_until")
    public Instant silencedUntil;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean firing() {
        return FIRING.equals(status);
    }

    /** Whether a silence made here still holds. */
    public boolean silenced(Instant now) {
        return silenceId != null && silencedUntil != null && silencedUntil.isAfter(now);
    }
}
