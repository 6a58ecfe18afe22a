-- Approval requests for gated actions (dev.harbormaster.approval). The status column is the state
-- machine; every transition is a conditional UPDATE ... WHERE status = <expected>, so among replicas
-- and concurrent clicks exactly one caller makes each move (and exactly one runs the action).
create table approval_request (
    id               bigserial primary key,
    action           text        not null,
    -- canonical JSON (keys sorted) of the action's parameters, and its SHA-256 with the action name,
    -- checked again just before the action runs
    parameters       text        not null,
    parameters_hash  text        not null,
    summary          text        not null,
    -- the target as it was when asked (service, owning team, environment, tier): what the messages show
    target_service     text,
    target_team        text,
    target_environment text,
    target_tier        smallint,
    requester_id     text        not null,
    reason           text,
    -- set when the requester declared an emergency (break-glass): it ran without approval and waits for review
    emergency_reason text,
    status           text        not null check (status in ('PENDING', 'APPROVED', 'EXECUTING', 'SUCCEEDED',
                                                            'FAILED', 'REJECTED', 'EXPIRED', 'CANCELLED')),
    policy_names     text        not null,
    channel          text        not null,
    -- what running it did, or why it did not run (rejection reason, failure, cancellation)
    outcome          text,
    decided_by       text,
    version          integer     not null default 0,
    created_at       timestamptz not null default now(),
    expires_at       timestamptz not null,
    decided_at       timestamptz,
    finished_at      timestamptz,
    reviewed_by      text,
    reviewed_at      timestamptz
);
create index approval_request_pending on approval_request (expires_at) where status = 'PENDING';
create index approval_request_requester on approval_request (requester_id, id);
create index approval_request_unreviewed on approval_request (id)
    where emergency_reason is not null and reviewed_by is null;

-- One vote per person per request: the unique key, not application code, is what guarantees it.
create table approval_vote (
    id          bigserial primary key,
    request_id  bigint      not null references approval_request (id),
    voter_id    text        not null,
    decision    text        not null check (decision in ('APPROVE', 'REJECT')),
    reason      text,
    created_at  timestamptz not null default now(),
    unique (request_id, voter_id)
);
