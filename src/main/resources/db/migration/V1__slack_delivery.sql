-- Every request Slack delivers is remembered for a day, so that a retry (X-Slack-Retry-Num) or a
-- replayed delivery is acknowledged without running its side effects a second time. Keyed by the
-- Events API event_id, or by the request signature for slash commands and interactivity.
CREATE TABLE slack_delivery (
    delivery_key  VARCHAR(200) PRIMARY KEY,
    received_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX slack_delivery_received_at ON slack_delivery (received_at);
