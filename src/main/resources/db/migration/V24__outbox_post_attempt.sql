-- A post about to be sent is marked here first, in a transaction of its own that commits before Slack is called:
-- if the replica dies between Slack taking the post and its own commit, the message is still PENDING (its claim rolled
-- back with the connection), and the next worker that finds this mark looks in the channel before posting again.
-- No foreign key: the marking transaction must not wait on the claim's row lock of the same message.
CREATE TABLE outbox_post_attempt (
    outbox_id    BIGINT PRIMARY KEY,
    attempted_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
