-- The area layers a parcel is measured against, cut into pieces of at most 255 vertices (ST_Subdivide): zoning,
-- overlays and the fee's zone values. Real layers hold polygons of tens of thousands of vertices (a river corridor,
-- a green belt, a heritage buffer traced along every plot), and every question about one parcel — which zones, how
-- much of it each covers, the zone covering most — converted such a polygon whole for GEOS: a zone of 189,000
-- vertices made a parcel's panel 0.3 s instead of 7 ms. The pieces partition each polygon, so a parcel's overlap
-- with a zone is the sum of its overlaps with the zone's pieces, each a few hundred vertices, found by their own
-- GiST index (src/lib/server/db/area-parts.ts).
--
-- Kept exact by the database: a trigger cuts a row's pieces again in the statement that inserts it or changes its
-- geometry, and deleting the row deletes them. pg_dump restores the pieces as data and creates the triggers after.
CREATE FUNCTION pelak_area_parts() RETURNS trigger LANGUAGE plpgsql AS $$
-- TG_ARGV[0]: the table of pieces; TG_ARGV[1]: its column holding the row's id
BEGIN
  IF TG_OP = 'UPDATE' THEN
    EXECUTE format('DELETE FROM %I WHERE %I = $1', TG_ARGV[0], TG_ARGV[1]) USING OLD.id;
  END IF;
  EXECUTE format(
    'INSERT INTO %I (%I, geom) SELECT $1, ST_Multi(g) FROM ST_Subdivide($2, 255) AS part, '
    'LATERAL ST_CollectionExtract(part, 3) AS g WHERE NOT ST_IsEmpty(g)', TG_ARGV[0], TG_ARGV[1]) USING NEW.id, NEW.geom;
  RETURN NULL;
END $$;

CREATE TABLE zoning_zone_parts (
  zone_id integer NOT NULL REFERENCES zoning_zones (id) ON DELETE CASCADE,
  geom geometry(MultiPolygon, {{srid}}) NOT NULL
);
CREATE TABLE overlay_parts (
  overlay_id integer NOT NULL REFERENCES overlays (id) ON DELETE CASCADE,
  geom geometry(MultiPolygon, {{srid}}) NOT NULL
);
CREATE TABLE zone_value_parts (
  zone_value_id integer NOT NULL REFERENCES zone_values (id) ON DELETE CASCADE,
  geom geometry(MultiPolygon, {{srid}}) NOT NULL
);

INSERT INTO zoning_zone_parts (zone_id, geom)
  SELECT z.id, ST_Multi(g) FROM zoning_zones z, ST_Subdivide(z.geom, 255) AS part, ST_CollectionExtract(part, 3) AS g
  WHERE NOT ST_IsEmpty(g);
INSERT INTO overlay_parts (overlay_id, geom)
  SELECT o.id, ST_Multi(g) FROM overlays o, ST_Subdivide(o.geom, 255) AS part, ST_CollectionExtract(part, 3) AS g
  WHERE NOT ST_IsEmpty(g);
INSERT INTO zone_value_parts (zone_value_id, geom)
  SELECT v.id, ST_Multi(g) FROM zone_values v, ST_Subdivide(v.geom, 255) AS part, ST_CollectionExtract(part, 3) AS g
  WHERE NOT ST_IsEmpty(g);

CREATE INDEX zoning_zone_parts_geom_idx ON zoning_zone_parts USING gist (geom);
CREATE INDEX zoning_zone_parts_zone_idx ON zoning_zone_parts (zone_id);
CREATE INDEX overlay_parts_geom_idx ON overlay_parts USING gist (geom);
CREATE INDEX overlay_parts_overlay_idx ON overlay_parts (overlay_id);
CREATE INDEX zone_value_parts_geom_idx ON zone_value_parts USING gist (geom);
CREATE INDEX zone_value_parts_zone_value_idx ON zone_value_parts (zone_value_id);

CREATE TRIGGER zoning_zones_parts AFTER INSERT OR UPDATE OF geom ON zoning_zones
  FOR EACH ROW EXECUTE FUNCTION pelak_area_parts('zoning_zone_parts', 'zone_id');
CREATE TRIGGER overlays_parts AFTER INSERT OR UPDATE OF geom ON overlays
  FOR EACH ROW EXECUTE FUNCTION pelak_area_parts('overlay_parts', 'overlay_id');
CREATE TRIGGER zone_values_parts AFTER INSERT OR UPDATE OF geom ON zone_values
  FOR EACH ROW EXECUTE FUNCTION pelak_area_parts('zone_value_parts', 'zone_value_id');
