-- Alerts from Alertmanager (issue 11).

-- Every notification as it arrived, stored before the webhook is answered; a worker turns it into group and alert
-- records and Slack messages afterwards. The dedupe key (group key, status, every alert's fingerprint, status and
-- times) is unique, so the second copy an HA pair sends, or a retry, changes nothing.
create table alert_notification (
    id            bigserial   primary key,
    dedupe_key    varchar(64) not null unique,
    group_key     text        not null,
    alertmanager  text,
    payload       text        not null,
    received_at   timestamptz not null default now(),
    processed_at  timestamptz,
    -- failed attempts to apply it; after a few it is set aside (processed, with the failures kept) so that one
    -- notification that cannot be applied does not hold up every later one
    failures      integer     not null default 0
);
create index alert_notification_pending on alert_notification (id) where processed_at is null;

-- One row per alert group (Alertmanager's groupKey): where its message went and what it shows.
create table alert_group (
    id                 bigserial   primary key,
    group_key          text        not null unique,
    status             varchar(20) not null,
    alertname          text,
    service            text,
    team               text,
    environment        text,
    channel            varchar(100) not null,
    routing_hint       text,
    severity           text,
    summary            text,
    description        text,
    runbook_url        text,
    source_url         text,
    dashboard_url      text,
    common_labels      text        not null,
    alertmanager       text,
    firing_count       integer     not null default 0,
    alert_count        integer     not null default 0,
    first_fired_at     timestamptz not null,
    resolved_at        timestamptz,
    -- the outbox key of its own message; null while it is listed in a storm summary instead
    message_key        varchar(200),
    storm_id           bigint,
    acknowledged_by    text,
    acknowledged_at    timestamptz,
    silence_id         text,
    silenced_by        text,
    silenced_until     timestamptz,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);
create index alert_group_team_created on alert_group (team, created_at);
create index alert_group_firing on alert_group (status, service);

-- Every alert ever received, kept for reports on time to acknowledge and time to restore.
create table alert_record (
    id               bigserial   primary key,
    fingerprint      text        not null,
    group_id         bigint      not null references alert_group (id),
    alertname        text,
    status           varchar(20) not null,
    service          text,
    team             text,
    environment      text,
    severity         text,
    starts_at        timestamptz not null,
    ends_at          timestamptz,
    acknowledged_by  text,
    acknowledged_at  timestamptz,
    unique (fingerprint, starts_at)
);
create index alert_record_group on alert_record (group_id);

-- More new groups for one team within a minute than the threshold: one summary message, edited as more arrive.
create table alert_storm (
    id               bigserial    primary key,
    team             text         not null,
    channel          varchar(100) not null,
    message_key      varchar(200) not null,
    started_at       timestamptz  not null default now(),
    last_group_at    timestamptz  not null default now(),
    -- the summary changed since its last edit was queued
    dirty            boolean      not null default false,
    edit_queued_at   timestamptz  not null default now()
);
create index alert_storm_team on alert_storm (team, last_group_at);

-- Policies may match silences on severity and length (approvals/alert-silences.yaml): stored with the request so
-- that the stored target matches the same policies as the live one.
alter table approval_request add column target_severity text;
alter table approval_request add column target_duration_seconds bigint;

-- A team's time zone (Group annotation harbormaster.dev/timezone): "silence until 09:00 tomorrow" is its 09:00.
alter table catalog_team add column time_zone text;
