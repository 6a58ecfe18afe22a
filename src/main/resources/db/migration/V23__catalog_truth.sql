-- Where a service's truth lives. A service imported from a file follows that file, except for the fields changed in
-- chat since (owner by a transfer, tier/lifecycle/environments by an approved edit, description and links): those are
-- kept until the file says the same, and a file that says otherwise is reported as a conflict, not applied.
ALTER TABLE catalog_service ADD COLUMN source_digest TEXT;
ALTER TABLE catalog_service ADD COLUMN chat_edited_fields JSONB NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE catalog_service ADD COLUMN chat_edited_by TEXT;
ALTER TABLE catalog_service ADD COLUMN chat_edited_at TIMESTAMPTZ;

-- A service deleted in chat whose file still describes it: the file does not bring it back.
CREATE TABLE catalog_deleted_service (
    name        TEXT PRIMARY KEY,
    source_file TEXT NOT NULL,
    deleted_by  TEXT NOT NULL,
    deleted_at  TIMESTAMPTZ NOT NULL
);

-- The catalog folder's files as last imported, so that a start-up imports only files that changed, and only one
-- replica of a cluster does it.
CREATE TABLE catalog_source_file (
    path        TEXT PRIMARY KEY,
    digest      TEXT NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL
);
