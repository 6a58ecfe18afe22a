-- A post whose answer was lost (a timeout, a proxy error after Slack accepted it) may have landed. Such a message is
-- marked, and before it is posted again the outbox looks for it in the channel by the outbox id its metadata carries.
ALTER TABLE outbox_message ADD COLUMN maybe_posted BOOLEAN NOT NULL DEFAULT FALSE;
