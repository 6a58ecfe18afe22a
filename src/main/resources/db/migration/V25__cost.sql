-- Cost per day, service, source and currency (issue 12). The team is not stored: it is the catalog owner at query
-- time, so a transfer moves a service's history with it. Sources are 'opencost' or 'focus:<file name>' (a FOCUS
-- file is the unit that a re-read replaces). Services no catalog entry claims are kept as '(unallocated)', and cost
-- tagged with a team but no service as '(team:<name>)', so totals stay honest.
create table cost_daily (
    day            date        not null,
    service        text        not null,
    source         text        not null,
    currency       char(3)     not null,
    effective_cost numeric     not null,
    billed_cost    numeric     not null,
    primary key (source, day, service, currency)
);
create index cost_daily_service_day on cost_daily (service, day);
create index cost_daily_day on cost_daily (day);

-- What each source last did, for "sources" in reports: FOCUS files by path (size + mtime decide a re-read), and
-- OpenCost under its own name.
create table cost_source_read (
    name         text        primary key,
    kind         text        not null,
    size_bytes   bigint,
    modified_at  timestamptz,
    read_at      timestamptz not null,
    rows_read    bigint      not null default 0,
    rows_skipped bigint      not null default 0,
    first_day    date,
    last_day     date,
    error        text
);

create table cost_budget (
    team       text          primary key,
    amount     numeric(15,2) not null check (amount > 0),
    currency   char(3)       not null,
    period     text          not null check (period = 'month'),
    set_by     text,
    set_at     timestamptz   not null default now()
);

-- One alert per team, month and threshold, whichever replica evaluates first: the primary key is the guard.
create table cost_budget_alert (
    team       text        not null,
    month      date        not null,
    threshold  int         not null,
    basis      text        not null,
    posted_at  timestamptz not null default now(),
    primary key (team, month, threshold)
);
