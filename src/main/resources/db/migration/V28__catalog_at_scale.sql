-- The catalog at an organisation's scale (50,000 services).

-- Imports insert in JDBC batches: Hibernate takes ids 50 at a time from these sequences (its pooled optimizer), which
-- one id per insert, read back after each row, does not allow. A row inserted by plain SQL still takes a whole block.
alter sequence catalog_service_id_seq increment by 50;
alter sequence catalog_environment_id_seq increment by 50;
alter sequence catalog_team_id_seq increment by 50;
alter sequence catalog_user_id_seq increment by 50;
alter sequence catalog_system_id_seq increment by 50;

-- The catalog's revision: bumped by every statement that changes services or their environments, whichever door
-- the change came through (import, form, command, admin API, SQL). Periodic readers (the rollout watcher) compare it
-- with the revision they last read and reload only when it moved. A sequence, not a counter row: bumping it takes
-- no lock, so concurrent catalog writes do not queue behind each other. It moves before the change commits; readers
-- therefore reload once more on their next round after seeing it move.
create sequence catalog_revision;

create function catalog_revised() returns trigger language plpgsql as $$
begin
    perform nextval('catalog_revision');
    return null;
end
$$;

create trigger catalog_service_revised after insert or update or delete or truncate on catalog_service
    for each statement execute function catalog_revised();
create trigger catalog_environment_revised after insert or update or delete or truncate on catalog_environment
    for each statement execute function catalog_revised();
