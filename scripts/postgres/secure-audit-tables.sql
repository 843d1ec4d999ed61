-- Pelak on PostgreSQL: hand the audit tables to a role the app does not hold.
--
-- Run as a superuser, connected to Pelak's database, once after the migrations (and again after
-- any later migration that adds an audit table):
--
--   psql "postgres://postgres@db-host/pelak" -v ON_ERROR_STOP=1 -f scripts/postgres/secure-audit-tables.sql
--
-- The app connects as the database's owner (it runs the migrations at start-up), is not a
-- superuser, has no CREATEROLE and is not a member of pelak_audit_owner. Afterwards the app can
-- still read the audit tables and append to them, but cannot UPDATE, DELETE or TRUNCATE them,
-- cannot DISABLE or DROP their triggers (only a table's owner may), cannot replace the trigger
-- function (only its owner may), and cannot DROP the tables although it owns the schema (the
-- event trigger below refuses it; only a superuser may change an event trigger).
-- Migration 0025 does the same ownership change by itself when it is run by a superuser.

DO $$
DECLARE
  app_role name := (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database());
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    RAISE EXCEPTION 'run this as a superuser (now: %)', current_user;
  END IF;
  IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = app_role) THEN
    RAISE WARNING 'the app role % is a superuser or has CREATEROLE: it could still take the audit role', app_role;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pelak_audit_owner') THEN
    CREATE ROLE pelak_audit_owner NOLOGIN;
  END IF;
  IF app_role <> current_user AND pg_has_role(app_role, 'pelak_audit_owner', 'MEMBER') THEN
    RAISE EXCEPTION 'the app role % must not be a member of pelak_audit_owner', app_role;
  END IF;
  ALTER TABLE case_events OWNER TO pelak_audit_owner;
  ALTER TABLE audit_events OWNER TO pelak_audit_owner;
  ALTER FUNCTION pelak_refuse_change() OWNER TO pelak_audit_owner;
  REVOKE ALL ON case_events, audit_events FROM PUBLIC;
  EXECUTE format('REVOKE ALL ON case_events, audit_events FROM %I', app_role);
  EXECUTE format('GRANT SELECT, INSERT ON case_events, audit_events TO %I', app_role);
END;
$$;

-- The schema's owner may drop any table in it; refuse that for the audit tables to everyone but
-- a superuser.
CREATE OR REPLACE FUNCTION pelak_guard_audit_tables() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  dropped record;
BEGIN
  FOR dropped IN SELECT * FROM pg_event_trigger_dropped_objects() LOOP
    IF dropped.object_type = 'table' AND dropped.object_name IN ('case_events', 'audit_events')
       AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
      RAISE EXCEPTION '% is an audit table: DROP refused', dropped.object_name USING ERRCODE = 'insufficient_privilege';
    END IF;
  END LOOP;
END;
$$;
ALTER FUNCTION pelak_guard_audit_tables() OWNER TO pelak_audit_owner;
DROP EVENT TRIGGER IF EXISTS pelak_guard_audit_tables;
CREATE EVENT TRIGGER pelak_guard_audit_tables ON sql_drop EXECUTE FUNCTION pelak_guard_audit_tables();
