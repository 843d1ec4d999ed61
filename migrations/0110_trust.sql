-- Trust (issue 7): ownership from the deeds registry, powers of attorney an officer accepts,
-- per-user daily quotas, and the documents an officer attaches to a referral.

-- Whether the deeds registry named the applicant an owner of the parcel's plate when the case was
-- filed (or an officer filed it at the counter for a registered owner). Cases filed before this
-- migration were filed under the old rules and keep blocking their parcel as before.
ALTER TABLE cases ADD COLUMN owner_verified boolean NOT NULL DEFAULT true;
ALTER TABLE cases ALTER COLUMN owner_verified SET DEFAULT false;

-- A representative's power of attorney: pending until an officer accepts or refuses it. Until it
-- is accepted the representative has no applicant rights and the case does not block the parcel.
-- Cases filed through a representative before this migration count as accepted.
ALTER TABLE cases ADD COLUMN poa_status text CHECK (poa_status IN ('pending', 'accepted', 'refused'));
ALTER TABLE cases ADD COLUMN poa_decided_by bigint REFERENCES users (id);
ALTER TABLE cases ADD COLUMN poa_decided_at timestamptz;
UPDATE cases SET poa_status = 'accepted' WHERE representative_user_id IS NOT NULL;
ALTER TABLE cases ADD CONSTRAINT cases_poa_with_representative CHECK ((representative_user_id IS NULL) = (poa_status IS NULL));

-- What one user filed and uploaded on one Tehran day: the daily quotas count here, in the
-- database, so several server processes share them and a restart does not reset them.
CREATE TABLE user_daily_usage (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day date NOT NULL,
  filings integer NOT NULL DEFAULT 0 CHECK (filings >= 0),
  upload_bytes bigint NOT NULL DEFAULT 0 CHECK (upload_bytes >= 0),
  PRIMARY KEY (user_id, day)
);
CREATE INDEX user_daily_usage_day_idx ON user_daily_usage (day);

-- The case documents an officer hands an agency with a referral: all the agency sees of the file.
CREATE TABLE case_referral_documents (
  referral_id bigint NOT NULL REFERENCES case_referrals (id),
  document_id bigint NOT NULL REFERENCES documents (id),
  PRIMARY KEY (referral_id, document_id)
);
CREATE INDEX case_referral_documents_document_idx ON case_referral_documents (document_id);
-- Referrals open to an agency, for the agency's access check on every request.
CREATE INDEX case_referrals_open_idx ON case_referrals (case_id, agency_kind) WHERE status = 'open';
-- An agency's reply documents, found by their referral.
CREATE INDEX documents_referral_idx ON documents (referral_id) WHERE referral_id IS NOT NULL;
