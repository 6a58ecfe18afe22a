-- Every change to a workload, made by Harbormaster or seen elsewhere (CI, Argo CD, kubectl): the raw material
-- for lead-time and change-failure figures.
CREATE TABLE deployment_record (
    id            BIGSERIAL PRIMARY KEY,
    service       TEXT        NOT NULL,
    environment   TEXT        NOT NULL,
    cluster       TEXT        NOT NULL,
    namespace     TEXT        NOT NULL,
    deployment    TEXT        NOT NULL,
    -- DEPLOY, ROLLBACK, SCALE, RESTART (through Harbormaster) or EXTERNAL (observed by the watcher)
    kind          TEXT        NOT NULL,
    -- Slack user id for changes made through Harbormaster; the field manager or "unknown" for external ones
    actor         TEXT        NOT NULL,
    from_image    TEXT,
    to_image      TEXT,
    from_replicas INTEGER,
    to_replicas   INTEGER,
    -- the Deployment's metadata.generation this change produced, when known
    generation    BIGINT,
    approval_id   BIGINT,
    started_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ,
    -- IN_PROGRESS, SUCCEEDED, FAILED
    result        TEXT        NOT NULL DEFAULT 'IN_PROGRESS',
    detail        TEXT
);

CREATE INDEX deployment_record_by_workload ON deployment_record (service, environment, started_at DESC);
