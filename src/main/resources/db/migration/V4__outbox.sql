-- Transactional outbox for channel messages (dev.harbormaster.notify). A feature writes a row in the
-- same transaction as its state change; delivery workers on every replica claim the head of each
-- channel's queue with FOR UPDATE SKIP LOCKED and send it to Slack.
CREATE TABLE outbox_message (
    id               BIGSERIAL    PRIMARY KEY,
    kind             VARCHAR(10)  NOT NULL CHECK (kind IN ('POST', 'UPDATE')),
    channel          VARCHAR(100) NOT NULL,
    text             TEXT,
    blocks_json      TEXT,
    message_key      VARCHAR(200),
    thread_key       VARCHAR(200),
    status           VARCHAR(10)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts         INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- a Slack error code or an HTTP status, never a token or the message text
    last_error       VARCHAR(200),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at          TIMESTAMPTZ,
    slack_ts         VARCHAR(40),
    slack_channel_id VARCHAR(40),
    CHECK (kind = 'POST' OR message_key IS NOT NULL)
);

-- The claim query walks pending rows in id order and checks each channel for an earlier pending row;
-- partial indexes keep both cheap however many sent rows the table holds.
CREATE INDEX outbox_message_pending ON outbox_message (id) WHERE status = 'PENDING';
CREATE INDEX outbox_message_pending_by_channel ON outbox_message (channel, id) WHERE status = 'PENDING';
-- Retention clean-up of finished rows.
CREATE INDEX outbox_message_finished ON outbox_message (created_at) WHERE status <> 'PENDING';
-- A key names one posted message, which later rows edit or reply under; posting a key twice is a no-op.
CREATE UNIQUE INDEX outbox_message_post_key ON outbox_message (message_key)
    WHERE kind = 'POST' AND message_key IS NOT NULL;

-- Slack allows about one message per second per channel; a 429 pauses the channel until Retry-After.
CREATE TABLE outbox_channel_pace (
    channel      VARCHAR(100) PRIMARY KEY,
    next_send_at TIMESTAMPTZ  NOT NULL
);
