-- SLO fast-burn alerts (issue 12): one row per burn episode of a service's SLO. At most one episode of an SLO is
-- open at a time (the partial unique index), so replicas that evaluate the same minute, or one evaluation run twice,
-- open it, and post its alert, once: the alert is queued in the outbox in the transaction that inserts the row.
create table slo_burn_episode (
    id               bigserial    primary key,
    service          text         not null,
    slo              text         not null,
    channel          varchar(100) not null,
    message_key      text         not null unique,
    opened_at        timestamptz  not null,
    -- the last evaluation that found the fast-burn condition true; the episode closes once it has been false for
    -- harbormaster.slo.burn-quiet-for after this
    last_burning_at  timestamptz  not null,
    closed_at        timestamptz
);
create unique index slo_burn_episode_open on slo_burn_episode (service, slo) where closed_at is null;
