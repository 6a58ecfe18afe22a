-- Nobody connects to Harbormaster's own database just because they can log in to the server: PostgreSQL lets
-- PUBLIC connect to every new database, which let the reference broker's add-on login roles (they live on this
-- server in the sandbox, and often in production) open a session here. Harbormaster's own role keeps its access.
-- Run by a role that neither owns the database nor is a superuser, both statements only warn and change
-- nothing; the reference broker then refuses to start (see ReferenceBroker.checkBotDatabaseIsClosed).
DO $$
BEGIN
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), current_user);
    EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END
$$;
