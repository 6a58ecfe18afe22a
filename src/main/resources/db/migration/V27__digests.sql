-- Digest schedules: the harbormaster.dev/digest annotation of a Group, or a schedule set in chat (kept over the file
-- until the file agrees, like other chat edits), and one row per digest sent, unique per team and due time, so that
-- two replicas (or a replica restarted mid-send) post it once.
alter table catalog_team add column digest_schedule text;

create table digest_schedule_override (
    team text primary key,
    schedule text not null,
    set_by text not null,
    set_at timestamptz not null default now()
);

create table digest_sent (
    id bigserial primary key,
    team text not null,
    due_at timestamptz not null,
    sent_at timestamptz not null default now(),
    late boolean not null,
    outbox_key text not null,
    constraint digest_sent_once unique (team, due_at)
);

-- A deploy may name the time its commit was made (deploy --commit-time), the one input lead time for changes needs.
alter table deployment_record add column commit_time timestamptz;
