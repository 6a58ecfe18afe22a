package dev.harbormaster.deployment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** A rollout Harbormaster follows until it ends: where its message is and what was already said about it. */
@Entity
@Table(name = "rollout_tracking")
public class RolloutTracking {

    @Id
    @Column(name = "deployment_record_id")
    public Long deploymentRecordId;
    public String channel;
    @Column(name = "message_key")
    public String messageKey;
    public String summary;
    @Column(name = "previous_revision")
    public Long previousRevision;
    @Column(name = "started_at")
    public Instant startedAt;
    public String reported = "";
    @Column(name = "last_text")
    public String lastText;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** The pod-template-hash of the ReplicaSet this rollout brought up; trouble is read from its pods only. */
    @Column(name = "pod_template_hash")
    public String podTemplateHash;
    @Column(name = "last_blocks")
    public String lastBlocks;
    /** The Rollback button was taken off the message because a newer change ran. */
    @Column(name = "rollback_withdrawn")
    public boolean rollbackWithdrawn;

    Set<String> reportedKeys() {
        Set<String> keys = new LinkedHashSet<>(Arrays.asList(reported.split("\n")));
        keys.remove("");
        return keys;
    }

    void addReported(String key) {
        Set<String> keys = reportedKeys();
        keys.add(key);
        reported = String.join("\n", keys);
    }
}
