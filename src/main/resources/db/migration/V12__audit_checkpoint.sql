-- Checkpoints of the audit chain (dev.harbormaster.audit.AuditCheckpoints): the chain's last entry, entry count
-- and head hash at a time, signed with a key derived from HARBORMASTER_AUDIT_KEY. The checkpoint that counts is
-- the copy posted to the audit channel (message metadata) and written to the log, outside this database; this
-- table is a fallback for when the channel cannot be read, and the place replicas agree on one scheduled
-- checkpoint per period. A row cannot be forged without the key, but whoever can write the table can delete rows.
CREATE TABLE audit_checkpoint (
    id        BIGSERIAL    PRIMARY KEY,
    last_id   BIGINT       NOT NULL CHECK (last_id >= 0),
    entries   BIGINT       NOT NULL CHECK (entries >= 0),
    last_hash VARCHAR(64)  NOT NULL CHECK (last_hash ~ '^[0-9a-f]{64}$'),
    made_at   TIMESTAMPTZ  NOT NULL,
    -- the audit key's public id (AuditKey.id), never the key
    key_id    VARCHAR(16)  NOT NULL CHECK (key_id ~ '^[0-9a-f]{16}$'),
    signature VARCHAR(64)  NOT NULL CHECK (signature ~ '^[0-9a-f]{64}$'),
    -- a Slack user id, or `schedule`
    made_by   VARCHAR(100) NOT NULL,
    -- the scheduled fire time of the period it checkpoints; null for one made on demand
    period    TIMESTAMPTZ  UNIQUE
);

CREATE FUNCTION audit_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_checkpoint_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

COMMENT ON COLUMN audit_entry.hash IS
    'From the audit.key_adopted entry on: hex HMAC-SHA256 with a key derived from HARBORMASTER_AUDIT_KEY over the id, '
    'content and prev_hash (dev.harbormaster.audit.AuditChain). Before it: the legacy plain SHA-256.';
