-- The reference Open Service Broker (dev.harbormaster.addon.broker): PostgreSQL databases it provisioned and
-- the login roles it bound to them. Kept here, not in memory, so a restart or another replica still knows them.
-- Database and role names are generated (hm_<random hex>), never taken from the platform's ids.
CREATE TABLE osb_service_instance (
    instance_id      VARCHAR(200) PRIMARY KEY,
    service_id       VARCHAR(100) NOT NULL,
    plan_id          VARCHAR(100) NOT NULL,
    -- the provision request's parameters as JSON text, compared to tell an identical request from a conflicting one
    parameters       TEXT         NOT NULL DEFAULT '{}',
    database_name    VARCHAR(63)  NOT NULL UNIQUE CHECK (database_name ~ '^hm_[a-z0-9_]+$'),
    owner_role       VARCHAR(63)  NOT NULL UNIQUE CHECK (owner_role ~ '^hm_[a-z0-9_]+$'),
    connection_limit INTEGER      NOT NULL CHECK (connection_limit BETWEEN 1 AND 100),
    -- the last operation: provision or deprovision, and how it went
    operation        VARCHAR(20)  NOT NULL CHECK (operation IN ('provision', 'deprovision')),
    operation_id     VARCHAR(50)  NOT NULL,
    state            VARCHAR(20)  NOT NULL CHECK (state IN ('in progress', 'succeeded', 'failed')),
    description      VARCHAR(500),
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);

-- Passwords are not stored: they are returned once at bind time (an identical repeat sets a new one).
CREATE TABLE osb_service_binding (
    binding_id  VARCHAR(200) PRIMARY KEY,
    instance_id VARCHAR(200) NOT NULL REFERENCES osb_service_instance (instance_id) ON DELETE CASCADE,
    parameters  TEXT         NOT NULL DEFAULT '{}',
    role_name   VARCHAR(63)  NOT NULL UNIQUE CHECK (role_name ~ '^hm_[a-z0-9_]+$'),
    created_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX osb_service_binding_instance ON osb_service_binding (instance_id);
