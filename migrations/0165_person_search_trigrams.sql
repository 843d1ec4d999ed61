-- The audit log's person filter (findAuditPeople in src/lib/server/auth/audit.repository.ts) looks a typed fragment
-- up anywhere in an account's username (ILIKE), display name (ILIKE) and national id (LIKE), '%fragment%': without
-- an index that is a scan of every account, ~0.2–0.4 s at 300,000 citizens whatever it finds (BENCHMARKS.md,
-- twenty-fifth session). pg_trgm's GIN operator class serves LIKE and ILIKE on the bare column for a fragment of
-- three characters or more, so the indexes are on the columns themselves, exactly as the query compares them (the
-- fragment is normalised in the app, the stored text is not). Migration 0004 chose against pg_trgm when PGlite had
-- none; @electric-sql/pglite ships it (contrib/pg_trgm, loaded in src/lib/server/db/database.ts), and Debian's
-- postgresql-15 package carries it among its contrib modules. pg_trgm is a trusted extension: the database's owner
-- (the app, not a superuser: README) may create it.
-- Built inside the migration's transaction: at 300,000 accounts ~6 s during which new accounts wait (measured).
--
-- fastupdate = off: accounts are added one sign-up at a time, so GIN's pending list saves nothing, and it costs the
-- search. New entries would wait there, unsorted, until a vacuum (the embedded database has no autovacuum) or 4 MB
-- of them; every search reads the whole list, and the planner, counting it, preferred scanning 20,000 freshly
-- added accounts to the index (tests/integration/audit-log.test.ts). Off, each account's trigrams go straight
-- into the index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX users_display_name_trgm_idx ON users USING gin (display_name gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX users_username_trgm_idx ON users USING gin (username gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX users_national_id_trgm_idx ON users USING gin (national_id gin_trgm_ops) WITH (fastupdate = off);
