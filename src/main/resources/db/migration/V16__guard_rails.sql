-- Guard rails (issue 10): policies follow the workload, not the environment's name.

-- Every environment name a workload location (cluster + namespace) has ever had in the catalog, written in the
-- same transaction as the catalog change. A deploy to `prod` whose Deployment lives where `production` once did
-- is matched by the policies on `production` too; rows are never deleted, so renaming or re-pointing an
-- environment cannot shed the policies of the workload it points at.
create table environment_location (
    cluster      text        not null,
    namespace    text        not null,
    environment  text        not null,
    -- the service whose environment first named it so, for the record
    service      text        not null,
    first_seen   timestamptz not null default now(),
    primary key (cluster, namespace, environment)
);

-- Every name the policies saw the target under when the request was made (the environment typed and the names
-- its workload location has had), so the stored target matches the same policies as the live one.
alter table approval_request add column target_environments text;

-- Slack user id <-> email, kept so that approver checks and mentions need no live users.info call: written
-- whenever Slack tells us, refreshed in the background.
create table slack_identity (
    user_id      text primary key,
    email        text,
    refreshed_at timestamptz not null default now()
);
create index slack_identity_email on slack_identity (lower(email));

-- A message whose channel cannot take it (deleted, archived, the bot not in it) goes to its fallback channel instead
-- of failing: an approval request nobody sees is worse than one in the wrong channel. Who asked is told where it
-- went (the notice text's {channel} becomes the channel it went to).
alter table outbox_message add column fallback_channel varchar(100);
alter table outbox_message add column reroute_notice_user varchar(40);
alter table outbox_message add column reroute_notice_text text;
-- set when a POST went to its fallback: the channel it was meant for, shown on it and on its later edits
alter table outbox_message add column rerouted_from varchar(100);
