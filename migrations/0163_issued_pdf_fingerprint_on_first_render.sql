-- An issued document's PDF fingerprint may be recorded at its first render instead of at issue: the
-- SAMPLE history issues hundreds of zoning statements and permits in bulk and renders none of them
-- (a render costs 50–300 ms); the spec is frozen at issue as before, and the first download records
-- the SHA-256 of what it rendered, once. Every other document is rendered and fingerprinted at issue.
ALTER TABLE issued_documents ALTER COLUMN pdf_sha256 DROP NOT NULL;

CREATE OR REPLACE FUNCTION pelak_issued_document_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.kind, NEW.number, NEW.number_year, NEW.number_seq, NEW.verification_code, NEW.case_id,
      NEW.parcel_id, NEW.renovation_code, NEW.issued_on, NEW.issued_at, NEW.issued_by, NEW.spec,
      CASE WHEN OLD.pdf_sha256 IS NULL THEN NULL ELSE NEW.pdf_sha256 END)
     IS DISTINCT FROM
     (OLD.kind, OLD.number, OLD.number_year, OLD.number_seq, OLD.verification_code, OLD.case_id,
      OLD.parcel_id, OLD.renovation_code, OLD.issued_on, OLD.issued_at, OLD.issued_by, OLD.spec, OLD.pdf_sha256) THEN
    RAISE EXCEPTION 'issued_documents: only the status of an issued document may change'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
