-- Add-ons requested through the Open Service Broker API (dev.harbormaster.addon): the brokers' catalogs, so every
-- replica offers the same marketplace, and each add-on instance with the step its worker does next, so polling
-- resumes after a restart and on any replica. No credentials are stored: they go straight into a Kubernetes Secret.
CREATE TABLE addon_broker_catalog (
    broker      VARCHAR(100) PRIMARY KEY,
    -- the body of GET /v2/catalog as the broker sent it
    catalog     TEXT,
    fetched_at  TIMESTAMPTZ,
    -- why the last fetch failed (plain language, no credentials); null when it worked
    last_error  VARCHAR(500),
    attempted_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE addon_instance (
    -- the OSB instance_id: a UUID made by Harbormaster
    id               VARCHAR(36)  PRIMARY KEY,
    name             VARCHAR(63)  NOT NULL CHECK (name ~ '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'),
    broker           VARCHAR(100) NOT NULL,
    offering         VARCHAR(200) NOT NULL,
    offering_id      VARCHAR(200) NOT NULL,
    plan             VARCHAR(200) NOT NULL,
    plan_id          VARCHAR(200) NOT NULL,
    service          TEXT         NOT NULL,
    team             TEXT,
    environment      TEXT         NOT NULL,
    cluster          TEXT         NOT NULL,
    namespace        TEXT         NOT NULL,
    -- provision parameters as JSON, typed as the plan's schema says
    parameters       TEXT         NOT NULL DEFAULT '{}',
    state            VARCHAR(20)  NOT NULL CHECK (state IN
                         ('PROVISIONING', 'BINDING', 'READY', 'FAILED', 'DEPROVISIONING', 'DELETED')),
    -- what the worker does next (PROVISION, POLL_PROVISION, BIND, POLL_BIND, FETCH_BINDING, UNBIND, POLL_UNBIND,
    -- DEPROVISION, POLL_DEPROVISION, ORPHAN_DELETE); null when nothing is left to do
    step             VARCHAR(20),
    due_at           TIMESTAMPTZ,
    -- a replica working on a step holds it until then; another may take over after (it died)
    claimed_until    TIMESTAMPTZ,
    claim_token      VARCHAR(36),
    -- the broker's operation string of the asynchronous request being polled, and when polling gives up
    operation        VARCHAR(10000),
    poll_deadline    TIMESTAMPTZ,
    poll_count       INTEGER      NOT NULL DEFAULT 0,
    binding_id       VARCHAR(36),
    secret_name      VARCHAR(253),
    dashboard_url    VARCHAR(2000),
    -- the last thing worth telling a person (the broker's description or our plain-language error)
    detail           VARCHAR(1000),
    requested_by     VARCHAR(100) NOT NULL,
    deleted_by       VARCHAR(100),
    -- where the progress message lives, and its outbox key
    channel          VARCHAR(100) NOT NULL,
    message_key      VARCHAR(200) NOT NULL,
    progress_posted_at TIMESTAMPTZ,
    -- when the current provision or delete began (the progress message shows the time since)
    started_at       TIMESTAMPTZ  NOT NULL,
    finished_at      TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);

-- A name means one live add-on; deleted ones keep their row for the record.
CREATE UNIQUE INDEX addon_instance_live_name ON addon_instance (name) WHERE state <> 'DELETED';
CREATE INDEX addon_instance_due ON addon_instance (due_at) WHERE step IS NOT NULL;
CREATE INDEX addon_instance_service ON addon_instance (service, environment);
