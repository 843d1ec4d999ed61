-- The administrator's audit log (/admin/audit) pages by id, newest first, 50 rows at a time, under
-- filters: an event kind, a client address, the name a failed sign-in was tried with. Each index ends
-- in id, so a filter on one value reads its page in order and stops after 51 rows instead of sorting
-- every match (searchAuditEvents in src/lib/server/auth/audit.repository.ts; EXPLAIN-tested in
-- tests/integration/audit-log.test.ts). By a person the existing audit_events_actor_idx and
-- audit_events_target_idx serve; by date audit_events_at_idx.
--
-- audit_events belongs to pelak_audit_owner where scripts/postgres/secure-audit-tables.sql was run:
-- there only a superuser (or that role) may add these indexes, so run this migration as one (README,
-- "Sign-in, accounts and the audit log").

CREATE INDEX audit_events_action_idx ON audit_events (action, id);

-- text_pattern_ops: equality, and a prefix (`192.0.2.*` → LIKE '192.0.2.%') in any collation
CREATE INDEX audit_events_ip_idx ON audit_events (ip text_pattern_ops, id) WHERE ip IS NOT NULL;

-- A refused sign-in names no account when the username does not exist, and a citizen's never does:
-- what was typed (the username, or the national id) is in details. The same expression in the query.
CREATE INDEX audit_events_attempted_login_idx ON audit_events ((coalesce(details ->> 'username', details ->> 'nationalId')), id)
  WHERE action = 'sign_in.failed';
