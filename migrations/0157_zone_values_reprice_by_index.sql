-- Zone values changed in bulk reprice only the setback pieces they touch, found through the pieces' GiST index.
-- migrations/0145 found them with `EXISTS (SELECT 1 FROM new_rows c WHERE c.geom && s.geom)` for every piece: the
-- transition table has no index, so each of the city's pieces scanned every changed row. On the 1M city (275,911
-- pieces) 99 zone values took 2.4 s, and loading a year's book (115,408 rows) had not finished after ten minutes.
-- Now each changed row's box finds its pieces by parcel_setbacks_geom_idx: the cost follows what changed.
CREATE OR REPLACE FUNCTION pelak_zone_values_reprice() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE parcel_setbacks SET acquisition_p_rial_per_m2 = NULL WHERE acquisition_p_rial_per_m2 IS NOT NULL;
  ELSIF TG_OP = 'INSERT' THEN
    UPDATE parcel_setbacks s SET acquisition_p_rial_per_m2 = pelak_setback_acquisition_p(s.geom)
    FROM (SELECT DISTINCT t.parcel_id, t.street_id
          FROM new_rows c CROSS JOIN LATERAL (SELECT parcel_id, street_id FROM parcel_setbacks WHERE geom && c.geom) t
          WHERE c.use_class = 'residential') hit
    WHERE s.parcel_id = hit.parcel_id AND s.street_id = hit.street_id;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE parcel_setbacks s SET acquisition_p_rial_per_m2 = pelak_setback_acquisition_p(s.geom)
    FROM (SELECT DISTINCT t.parcel_id, t.street_id
          FROM (SELECT geom, use_class FROM new_rows UNION ALL SELECT geom, use_class FROM old_rows) c
          CROSS JOIN LATERAL (SELECT parcel_id, street_id FROM parcel_setbacks WHERE geom && c.geom) t
          WHERE c.use_class = 'residential') hit
    WHERE s.parcel_id = hit.parcel_id AND s.street_id = hit.street_id;
  ELSE -- DELETE
    UPDATE parcel_setbacks s SET acquisition_p_rial_per_m2 = pelak_setback_acquisition_p(s.geom)
    FROM (SELECT DISTINCT t.parcel_id, t.street_id
          FROM old_rows c CROSS JOIN LATERAL (SELECT parcel_id, street_id FROM parcel_setbacks WHERE geom && c.geom) t
          WHERE c.use_class = 'residential') hit
    WHERE s.parcel_id = hit.parcel_id AND s.street_id = hit.street_id;
  END IF;
  RETURN NULL;
END;
$$;
