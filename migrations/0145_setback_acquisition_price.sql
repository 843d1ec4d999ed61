-- The planners' conflicts priced without intersecting anything per request (issue 10: a district of
-- the 1M city answered in 3–5 s, almost all of it pricing ~28,000 pieces against the zone values).
-- Each setback piece keeps the P (rial/m², residential: land is bought as residential land) of the
-- zone value polygon covering most of it, the same choice acquisitionCost() makes for a drafted
-- plan's pieces (src/lib/server/planning/acquisition-cost.repository.ts). Kept exact by triggers:
-- a piece is priced when it is written, and the pieces a changed zone value touches (old and new
-- geometry) are priced again in the same statement.

ALTER TABLE parcel_setbacks ADD COLUMN acquisition_p_rial_per_m2 bigint;

CREATE FUNCTION pelak_setback_acquisition_p(piece geometry) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT zv.p_rial_per_m2
  FROM zone_values zv
  WHERE zv.use_class = 'residential' AND ST_Intersects(zv.geom, piece)
  ORDER BY ST_Area(ST_Intersection(zv.geom, piece)) DESC, zv.p_rial_per_m2 DESC
  LIMIT 1
$$;

CREATE FUNCTION pelak_setback_price() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.acquisition_p_rial_per_m2 := pelak_setback_acquisition_p(NEW.geom);
  RETURN NEW;
END;
$$;

CREATE TRIGGER parcel_setbacks_price BEFORE INSERT OR UPDATE OF geom ON parcel_setbacks
  FOR EACH ROW EXECUTE FUNCTION pelak_setback_price();

CREATE FUNCTION pelak_zone_values_reprice() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE parcel_setbacks SET acquisition_p_rial_per_m2 = NULL WHERE acquisition_p_rial_per_m2 IS NOT NULL;
  ELSIF TG_OP = 'INSERT' THEN
    UPDATE parcel_setbacks s SET acquisition_p_rial_per_m2 = pelak_setback_acquisition_p(s.geom)
    WHERE EXISTS (SELECT 1 FROM new_rows c WHERE c.use_class = 'residential' AND c.geom && s.geom);
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE parcel_setbacks s SET acquisition_p_rial_per_m2 = pelak_setback_acquisition_p(s.geom)
    WHERE EXISTS (SELECT 1 FROM (SELECT geom, use_class FROM new_rows UNION ALL SELECT geom, use_class FROM old_rows) c
                  WHERE c.use_class = 'residential' AND c.geom && s.geom);
  ELSE -- DELETE
    UPDATE parcel_setbacks s SET acquisition_p_rial_per_m2 = pelak_setback_acquisition_p(s.geom)
    WHERE EXISTS (SELECT 1 FROM old_rows c WHERE c.use_class = 'residential' AND c.geom && s.geom);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER zone_values_reprice_insert AFTER INSERT ON zone_values
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pelak_zone_values_reprice();
CREATE TRIGGER zone_values_reprice_update AFTER UPDATE ON zone_values
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pelak_zone_values_reprice();
CREATE TRIGGER zone_values_reprice_delete AFTER DELETE ON zone_values
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pelak_zone_values_reprice();
CREATE TRIGGER zone_values_reprice_truncate AFTER TRUNCATE ON zone_values
  FOR EACH STATEMENT EXECUTE FUNCTION pelak_zone_values_reprice();

-- the pieces already there
UPDATE parcel_setbacks SET acquisition_p_rial_per_m2 = pelak_setback_acquisition_p(geom);
