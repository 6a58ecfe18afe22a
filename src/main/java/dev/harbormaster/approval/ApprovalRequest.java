package dev.harbormaster.approval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** A gated action someone asked for, and where it stands. State changes go through the repository's conditional updates. */
@Entity
@Table(name = "approval_request")
public class ApprovalRequest {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String action;
    public String parameters;
    @Column(name = "parameters_hash")
    public String parametersHash;
    public String summary;
    @Column(name = "target_service")
    public String targetService;
    @Column(name = "target_team")
    public String targetTeam;
    @Column(name = "target_environment")
    public String targetEnvironment;
    @Column(name = "target_tier")
    public Integer targetTier;
    /** Every environment name policies saw the target under, comma-separated (see {@link ActionTarget#environments}). */
    @Column(name = "target_environments")
    public String targetEnvironments;
    @Column(name = "target_severity")
    public String targetSeverity;
    @Column(name = "target_duration_seconds")
    public Long targetDurationSeconds;
    @Column(name = "requester_id")
    public String requesterId;
    public String reason;
    @Column(name = "emergency_reason")
    public String emergencyReason;
    @Enumerated(EnumType.STRING)
    public ApprovalStatus status;
    /** The policies that applied when it was asked, comma-separated, for the record. */
    @Column(name = "policy_names")
    public String policyNames;
    public String channel;
    public String outcome;
    @Column(name = "decided_by")
    public String decidedBy;
    /** Bumped by every state change, so a row shows how often it moved. */
    public int version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** While EXECUTING: until when the replica running it holds it, and which replica that is. */
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "lease_holder")
    public String leaseHolder;
    @Column(name = "reviewed_by")
    public String reviewedBy;
    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    public Map<String, String> parameterMap() {
        return ActionParameters.fromJson(parameters);
    }

    /** The target as it was when the request was made. */
    public ActionTarget storedTarget() {
        Set<String> names = targetEnvironments == null || targetEnvironments.isBlank() ? Set.of()
                : Set.of(targetEnvironments.split(","));
        return new ActionTarget(targetService, targetTeam, targetEnvironment, targetTier, names, targetSeverity,
                targetDurationSeconds == null ? null : java.time.Duration.ofSeconds(targetDurationSeconds));
    }

    public boolean emergency() {
        return emergencyReason != null;
    }

    public boolean awaitingReview() {
        return emergency() && reviewedBy == null;
    }

    /** The key of the approvers' channel message in the outbox. */
    public String messageKey() {
        return "approval:" + id;
    }
}
