-- Append-only audit log (dev.harbormaster.audit): who did what to which target, each entry chained to the
-- previous one by a SHA-256 hash, so an entry edited or deleted behind the triggers' back is detected by
-- `/platform audit verify`.
--
-- The id is the entry's position in the chain (1, 2, 3, …), assigned by AuditTrail while it holds a
-- transaction-scoped advisory lock, not taken from a sequence: a sequence leaves a hole for every
-- rolled-back transaction, and a hole must mean one thing only, a deleted entry.
CREATE TABLE audit_entry (
    id          BIGINT       PRIMARY KEY CHECK (id > 0),
    occurred_at TIMESTAMPTZ  NOT NULL,
    -- a Slack user id, or a non-person actor such as `system`, `startup` or `admin-api`
    actor_id    VARCHAR(100) NOT NULL,
    -- a dotted verb: approval.requested, approval.voted, catalog.imported, …
    action      VARCHAR(100) NOT NULL,
    -- what the entry concerns: service:payments-api, approval:42, catalog
    target      VARCHAR(300) NOT NULL,
    details     JSONB        NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(details) = 'object'),
    prev_hash   VARCHAR(64)  NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash        VARCHAR(64)  NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

-- `/platform audit <service>` reads a service's own entries newest first.
CREATE INDEX audit_entry_target ON audit_entry (target, id);

CREATE FUNCTION audit_entry_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on audit_entry is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Audit entries are only ever added (AuditTrail.record); a correction is a new entry.';
END;
$$;

-- Statement-level, so even an UPDATE or DELETE that matches no row fails, and TRUNCATE is covered too.
CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
