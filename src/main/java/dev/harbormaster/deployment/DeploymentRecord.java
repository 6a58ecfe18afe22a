package dev.harbormaster.deployment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One change to a workload: who, from → to, when it started and ended, how it went. */
@Entity
@Table(name = "deployment_record")
public class DeploymentRecord {

    public enum Kind { DEPLOY, ROLLBACK, SCALE, RESTART, EXTERNAL }

    /** SUPERSEDED: a newer change to the same Deployment took over before this one ended. */
    public enum Result { IN_PROGRESS, SUCCEEDED, FAILED, SUPERSEDED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String service;
    public String environment;
    public String cluster;
    public String namespace;
    public String deployment;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public String actor;
    @Column(name = "from_image")
    public String fromImage;
    @Column(name = "to_image")
    public String toImage;
    @Column(name = "from_replicas")
    public Integer fromReplicas;
    @Column(name = "to_replicas")
    public Integer toReplicas;
    public Long generation;
    @Column(name = "approval_id")
    public Long approvalId;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    @Enumerated(EnumType.STRING)
    public Result result = Result.IN_PROGRESS;
    /** When the deployed commit was made, if the deploy said ({@code --commit-time}): the start of its lead time. */
    @Column(name = "commit_time")
    public OffsetDateTime commitTime;
    public String detail;
}
