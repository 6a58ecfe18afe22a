-- A post about to be sent is marked here first, in a transaction of its own that commits before Slack is called, and
-- the mark stays until the post is recorded as sent or failed, or Slack answered that it did not take it (429). So a
-- replica that dies between Slack taking the post and its own commit (the message is PENDING again, its claim rolled
-- back with the connection), and an answer lost on the way back, both leave the mark, and the next worker looks in the
-- channel before posting again. No foreign key: the marking transaction must not wait on the claim's row lock.
CREATE TABLE outbox_post_attempt (
    outbox_id    BIGINT PRIMARY KEY,
    attempted_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The mark replaces V22's flag, which only a recorded failure could set.
INSERT INTO outbox_post_attempt (outbox_id)
    SELECT id FROM outbox_message WHERE maybe_posted AND status = 'PENDING';
ALTER TABLE outbox_message DROP COLUMN maybe_posted;
