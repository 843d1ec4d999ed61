-- The planners' conflicts of one district (issue 10 §3: p95 < 200 ms at 1M parcels). A district's
-- ~28,000 setback pieces used to look up the cases of every one of their parcels (~100 ms of index
-- probes) to find the few thousand parcels that have any. Each piece now keeps the number of cases
-- on its parcel, whatever their status (parcel_cases), so the conflicts probe only the parcels that
-- have some; which of those cases are open or hold a permit is still read from the cases themselves,
-- so the figures stay exact. Kept by triggers in the same transaction as the change, whoever writes:
-- a piece is counted when it is written, and a case filed, deleted or moved to another parcel moves
-- the count of its parcels' pieces by a difference (never recounted, as parcels.open_cases in 0060).

ALTER TABLE parcel_setbacks ADD COLUMN parcel_cases integer NOT NULL DEFAULT 0 CHECK (parcel_cases >= 0);

UPDATE parcel_setbacks s SET parcel_cases = c.n
FROM (SELECT parcel_id, count(*) AS n FROM cases WHERE parcel_id IS NOT NULL GROUP BY parcel_id) c
WHERE s.parcel_id = c.parcel_id;

CREATE FUNCTION pelak_setback_count_cases() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.parcel_cases := (SELECT count(*) FROM cases c WHERE c.parcel_id = NEW.parcel_id);
  RETURN NEW;
END;
$$;

CREATE TRIGGER parcel_setbacks_count_cases BEFORE INSERT OR UPDATE OF parcel_id ON parcel_setbacks
  FOR EACH ROW EXECUTE FUNCTION pelak_setback_count_cases();

CREATE FUNCTION pelak_cases_count_setback_cases() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE parcel_setbacks s SET parcel_cases = s.parcel_cases + d.n
    FROM (SELECT parcel_id, count(*) AS n FROM new_rows WHERE parcel_id IS NOT NULL GROUP BY parcel_id) d
    WHERE s.parcel_id = d.parcel_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE parcel_setbacks s SET parcel_cases = s.parcel_cases - d.n
    FROM (SELECT parcel_id, count(*) AS n FROM old_rows WHERE parcel_id IS NOT NULL GROUP BY parcel_id) d
    WHERE s.parcel_id = d.parcel_id;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE parcel_setbacks s SET parcel_cases = s.parcel_cases + d.n
    FROM (
      SELECT parcel_id, sum(delta) AS n
      FROM (SELECT parcel_id, 1 AS delta FROM new_rows WHERE parcel_id IS NOT NULL
            UNION ALL
            SELECT parcel_id, -1 FROM old_rows WHERE parcel_id IS NOT NULL) moved
      GROUP BY parcel_id HAVING sum(delta) <> 0
    ) d
    WHERE s.parcel_id = d.parcel_id;
  ELSE -- TRUNCATE
    UPDATE parcel_setbacks SET parcel_cases = 0 WHERE parcel_cases <> 0;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER cases_count_setback_cases_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pelak_cases_count_setback_cases();
CREATE TRIGGER cases_count_setback_cases_update AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pelak_cases_count_setback_cases();
CREATE TRIGGER cases_count_setback_cases_delete AFTER DELETE ON cases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pelak_cases_count_setback_cases();
CREATE TRIGGER cases_count_setback_cases_truncate AFTER TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION pelak_cases_count_setback_cases();

-- A district's pieces without their geometry, read from the index alone (an index-only scan where the
-- pages are all-visible): every column the table and totals read except the geometry the map asks for.
CREATE INDEX parcel_setbacks_district_cover_idx ON parcel_setbacks (district_id, street_id)
  INCLUDE (parcel_id, land_m2, buildings_cut, permitted_buildings, acquisition_p_rial_per_m2, parcel_cases, west, south, east, north);
