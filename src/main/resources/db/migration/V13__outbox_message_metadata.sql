-- Slack message metadata ({"event_type": …, "event_payload": {…}}) sent with a POST, so that a message can carry
-- facts a program reads back with conversations.history: the audit checkpoints (dev.harbormaster.audit).
ALTER TABLE outbox_message ADD COLUMN metadata_json TEXT;
