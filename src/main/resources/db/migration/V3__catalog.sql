-- Service catalog: teams, services and their environments, Backstage users and systems.
-- Lists and maps that are only ever read whole live in jsonb; environments get their own table
-- because other features (deployments, digests) look them up by service and name.

create table catalog_team (
    id            bigserial primary key,
    name          text not null unique,
    display_name  text,
    description   text,
    email         text,
    type          text,
    slack_channel text,
    members       jsonb not null default '[]',
    on_call       text,
    parent        text,
    source        text not null,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

create table catalog_user (
    id           bigserial primary key,
    namespace    text not null default 'default',
    name         text not null,
    email        text,
    display_name text,
    member_of    jsonb not null default '[]',
    source       text not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    unique (namespace, name)
);
create index catalog_user_email on catalog_user (lower(email));

create table catalog_system (
    id          bigserial primary key,
    name        text not null unique,
    namespace   text not null default 'default',
    description text,
    owner       text,
    domain      text,
    source      text not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table catalog_service (
    id             bigserial primary key,
    name           text not null unique,
    namespace      text not null default 'default',
    description    text,
    -- the Backstage owner reference exactly as written (user:guest, default/team-a, sre)
    owner          text not null,
    -- the group name the owner reference points at, when it points at a group; null for users
    owner_team     text,
    type           text,
    system         text,
    lifecycle      text,
    tier           smallint check (tier between 1 and 4),
    repo_url       text,
    runbook_url    text,
    links          jsonb not null default '[]',
    tags           jsonb not null default '[]',
    depends_on     jsonb not null default '[]',
    kubernetes_id  text,
    annotations    jsonb not null default '{}',
    cost_center    text,
    slos           jsonb not null default '[]',
    source_ref     text not null,
    source_file    text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create index catalog_service_owner_team on catalog_service (owner_team);

create table catalog_environment (
    id           bigserial primary key,
    service_id   bigint not null references catalog_service (id) on delete cascade,
    position     integer not null,
    name         text not null,
    cluster      text,
    namespace    text,
    region       text,
    country      text,
    replicas_min integer check (replicas_min >= 0),
    replicas_max integer check (replicas_max >= 0),
    cpu          text,
    memory       text,
    unique (service_id, name)
);
create index catalog_environment_service on catalog_environment (service_id);
