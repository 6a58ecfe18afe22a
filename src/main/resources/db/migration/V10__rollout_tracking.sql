-- Rollouts Harbormaster is following: one row per change it made, polled by the clustered rollout-tracker job
-- until the Deployment succeeds or passes its progress deadline. Kept here, not in memory, so a rollout is still
-- followed after the replica that started it is gone.
CREATE TABLE rollout_tracking (
    deployment_record_id BIGINT      PRIMARY KEY REFERENCES deployment_record (id),
    -- the owning team's channel (name or id) and the outbox key of the message edited in place
    channel              TEXT        NOT NULL,
    message_key          TEXT        NOT NULL,
    -- one line for humans, e.g. "deploy `payments-api` 1.4.2 to production"
    summary              TEXT        NOT NULL,
    -- the Deployment's revision before the change: what the Rollback button goes back to
    previous_revision    BIGINT,
    started_at           TIMESTAMPTZ NOT NULL,
    -- trouble already reported in the thread, one key a line, so each is reported once
    reported             TEXT        NOT NULL DEFAULT '',
    -- the message text last sent, so unchanged progress is not sent again
    last_text            TEXT,
    finished_at          TIMESTAMPTZ
);

CREATE INDEX rollout_tracking_open ON rollout_tracking (started_at) WHERE finished_at IS NULL;
