package dev.harbormaster.addon;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One add-on: a service instance at a broker, its binding, the Secret holding its credentials, and the next step. */
@Entity
@Table(name = "addon_instance")
public class AddonInstance {

    @Id
    public String id;

    public String name;
    public String broker;
    public String offering;

    @Column(name = "offering_id")
    public String offeringId;

    public String plan;

    @Column(name = "plan_id")
    public String planId;

    public String service;
    public String team;
    public String environment;
    public String cluster;
    public String namespace;
    public String parameters;

    @Enumerated(EnumType.STRING)
    public AddonState state;

    @Enumerated(EnumType.STRING)
    public AddonStep step;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "claimed_until")
    public Instant claimedUntil;

    @Column(name = "claim_token")
    public String claimToken;

    public String operation;

    @Column(name = "poll_deadline")
    public Instant pollDeadline;

    @Column(name = "poll_count")
    public int pollCount;

    @Column(name = "binding_id")
    public String bindingId;

    @Column(name = "secret_name")
    public String secretName;

    @Column(name = "dashboard_url")
    public String dashboardUrl;

    public String detail;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "deleted_by")
    public String deletedBy;

    public String channel;

    @Column(name = "message_key")
    public String messageKey;

    @Column(name = "progress_posted_at")
    public Instant progressPostedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The user the current work is done for (the Originating Identity). */
    String actingUser() {
        return state == AddonState.DEPROVISIONING && deletedBy != null ? deletedBy : requestedBy;
    }
}
