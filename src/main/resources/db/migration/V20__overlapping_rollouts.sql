-- Overlapping rollouts (issue 13): the ReplicaSet a rollout's trouble is read from (its pod-template-hash), the
-- rollout message's last blocks (so its Rollback button can be taken off once a newer change ran), and whether it was.
ALTER TABLE rollout_tracking ADD COLUMN pod_template_hash TEXT;
ALTER TABLE rollout_tracking ADD COLUMN last_blocks TEXT;
ALTER TABLE rollout_tracking ADD COLUMN rollback_withdrawn BOOLEAN NOT NULL DEFAULT FALSE;
-- result may now also be SUPERSEDED: a newer change to the same Deployment took over before this one ended.
