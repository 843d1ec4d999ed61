-- The two remaining places that took a large polygon whole for every question, measured by pieces as migrations/0156
-- does for zoning, overlays and zone values:
--   * street surfaces: the excavation check cuts a dig's footprint by the surface polygons to charge reinstatement
--     per surface and street class. Real street layers are often a few polygons for the whole road space (the
--     complement of the blocks), of hundreds of thousands of vertices: every check converted them whole for GEOS.
--   * the acquisition price of land taken for a street (pelak_setback_acquisition_p, migrations/0145): it
--     intersected whole zone value polygons, while zone_value_parts already held them cut.
--
-- The cut itself now has one definition, pelak_area_pieces(), used by the trigger of every parted layer and by
-- this migration's backfill.
CREATE FUNCTION pelak_area_pieces(g geometry) RETURNS SETOF geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_Multi(p) FROM ST_Subdivide(g, 255) AS part, LATERAL ST_CollectionExtract(part, 3) AS p WHERE NOT ST_IsEmpty(p)
$$;

CREATE OR REPLACE FUNCTION pelak_area_parts() RETURNS trigger LANGUAGE plpgsql AS $$
-- TG_ARGV[0]: the table of pieces; TG_ARGV[1]: its column holding the row's id
BEGIN
  IF TG_OP = 'UPDATE' THEN
    EXECUTE format('DELETE FROM %I WHERE %I = $1', TG_ARGV[0], TG_ARGV[1]) USING OLD.id;
  END IF;
  EXECUTE format('INSERT INTO %I (%I, geom) SELECT $1, piece FROM pelak_area_pieces($2) AS piece', TG_ARGV[0], TG_ARGV[1])
    USING NEW.id, NEW.geom;
  RETURN NULL;
END $$;

CREATE TABLE street_surface_parts (
  street_surface_id integer NOT NULL REFERENCES street_surfaces (id) ON DELETE CASCADE,
  geom geometry(MultiPolygon, {{srid}}) NOT NULL
);
INSERT INTO street_surface_parts (street_surface_id, geom)
  SELECT s.id, piece FROM street_surfaces s, pelak_area_pieces(s.geom) AS piece;
CREATE INDEX street_surface_parts_geom_idx ON street_surface_parts USING gist (geom);
CREATE INDEX street_surface_parts_street_surface_idx ON street_surface_parts (street_surface_id);
CREATE TRIGGER street_surfaces_parts AFTER INSERT OR UPDATE OF geom ON street_surfaces
  FOR EACH ROW EXECUTE FUNCTION pelak_area_parts('street_surface_parts', 'street_surface_id');

-- The same choice as before (the residential P of the zone value covering most of the piece, the higher P on a
-- tie), its overlap summed over the zone value's pieces. The row triggers that cut a changed zone value run before
-- the statement trigger that reprices the setback pieces (pelak_zone_values_reprice), so it reads the new pieces.
CREATE OR REPLACE FUNCTION pelak_setback_acquisition_p(piece geometry) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT zv.p_rial_per_m2
  FROM zone_value_parts x
  JOIN zone_values zv ON zv.id = x.zone_value_id
  WHERE zv.use_class = 'residential' AND ST_Intersects(x.geom, piece)
  GROUP BY zv.id, zv.p_rial_per_m2
  ORDER BY sum(ST_Area(ST_Intersection(x.geom, piece))) DESC, zv.p_rial_per_m2 DESC
  LIMIT 1
$$;
