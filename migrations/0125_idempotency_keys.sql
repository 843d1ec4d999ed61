-- Idempotent writes (issue 7): a filing, a task answer or a workflow action carries a key its client
-- made once (a hidden field of the form as it was shown, or an Idempotency-Key header). The key is
-- recorded in the same transaction as the write it names, so a retry after a lost answer finds it
-- and is answered with the first result instead of writing again; the same key with other content
-- is refused. One row per user and key: the primary key is what makes a concurrent double submit
-- write once (the second insert waits for the first transaction and then fails as a duplicate).
CREATE TABLE idempotency_keys (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  key text NOT NULL CHECK (key ~ '^[A-Za-z0-9_-]{16,100}$'),
  -- what the key was used for: 'file_request', 'answer_task', 'act'
  scope text NOT NULL CHECK (scope IN ('file_request', 'answer_task', 'act')),
  -- SHA-256 of the request's content (its fields and its files' SHA-256), to refuse a reused key
  fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
  -- the first result: the case written, and for an agency's reply the referral it answered. The row
  -- is inserted first in the write's transaction (so a concurrent duplicate waits on it) and given
  -- its case before the commit; nobody ever sees it without one.
  case_id bigint REFERENCES cases (id) ON DELETE CASCADE,
  referral_id bigint REFERENCES case_referrals (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
-- for the scheduled clean-up of old keys
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
