-- Vector tiles at the database's pace, cached exactly (issue 11 §1–§2).
--
-- 1. parcels.open_cases: the number of open cases on each parcel, kept by triggers on `cases` in the
--    same transaction as the change, whoever writes (the app, an import, a SQL console). The parcel
--    tile reads the column instead of counting cases for every parcel of every tile.
-- 2. Tile change notices: every tiled table reports, in the same transaction as the change, the
--    Web Mercator boxes of the rows it changed (old and new geometry) on the channel `pelak_tiles`.
--    PostgreSQL delivers them at commit, to every app instance that LISTENs, in commit order; each
--    instance evicts the cached tiles those boxes touch (src/lib/server/tiles/tile-cache.ts).

-- 1. Open cases per parcel ---------------------------------------------------------------------

ALTER TABLE parcels ADD COLUMN open_cases smallint NOT NULL DEFAULT 0 CHECK (open_cases >= 0);

UPDATE parcels p SET open_cases = c.n
FROM (SELECT parcel_id, count(*) AS n FROM cases WHERE status = 'open' GROUP BY parcel_id) c
WHERE p.id = c.parcel_id;

-- Per statement, from its transition tables: one UPDATE of the parcels whose count moved. The count
-- is moved by a difference (open_cases + d), never recounted: two transactions filing on the same
-- parcel at once then both count, since the second UPDATE waits for the first's row lock and adds
-- to the committed value, where a recount would see only its own snapshot.
CREATE FUNCTION pelak_cases_count_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE parcels p SET open_cases = p.open_cases + d.n
    FROM (SELECT parcel_id, count(*) AS n FROM new_rows WHERE status = 'open' GROUP BY parcel_id) d
    WHERE p.id = d.parcel_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE parcels p SET open_cases = p.open_cases - d.n
    FROM (SELECT parcel_id, count(*) AS n FROM old_rows WHERE status = 'open' GROUP BY parcel_id) d
    WHERE p.id = d.parcel_id;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE parcels p SET open_cases = p.open_cases + d.n
    FROM (
      SELECT parcel_id, sum(delta) AS n
      FROM (SELECT parcel_id, 1 AS delta FROM new_rows WHERE status = 'open'
            UNION ALL
            SELECT parcel_id, -1 FROM old_rows WHERE status = 'open') moved
      GROUP BY parcel_id HAVING sum(delta) <> 0
    ) d
    WHERE p.id = d.parcel_id;
  ELSE -- TRUNCATE
    UPDATE parcels SET open_cases = 0 WHERE open_cases <> 0;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER cases_count_open_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pelak_cases_count_open();
CREATE TRIGGER cases_count_open_update AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pelak_cases_count_open();
CREATE TRIGGER cases_count_open_delete AFTER DELETE ON cases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pelak_cases_count_open();
CREATE TRIGGER cases_count_open_truncate AFTER TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION pelak_cases_count_open();

-- 2. Tile change notices -------------------------------------------------------------------------

-- The notice: {"layer": "...", "boxes": [[xmin, ymin, xmax, ymax], ...]} in EPSG:3857 metres, rounded
-- outwards to whole metres; "boxes": null means the whole layer. Up to 100 rows are sent box by box;
-- a bigger statement (an import) sends the box around all of them, which keeps the notice far below
-- PostgreSQL's 8000-byte limit.
CREATE FUNCTION pelak_tiles_notify(layer text, changed_rows bigint, extent box2d, boxes jsonb) RETURNS void
LANGUAGE sql AS $$
  SELECT pg_notify('pelak_tiles', json_build_object(
    'layer', layer,
    'boxes', CASE
      WHEN changed_rows <= 100 THEN boxes
      ELSE jsonb_build_array(jsonb_build_array(floor(ST_XMin(extent)), floor(ST_YMin(extent)),
                                               ceil(ST_XMax(extent)), ceil(ST_YMax(extent))))
    END)::text)
  WHERE changed_rows > 0;
$$;

-- The box of one changed geometry, rounded outwards to whole metres.
CREATE FUNCTION pelak_tile_box(g geometry) RETURNS jsonb LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT jsonb_build_array(floor(ST_XMin(g)), floor(ST_YMin(g)), ceil(ST_XMax(g)), ceil(ST_YMax(g)));
$$;

-- TG_ARGV[0]: the tile layer the table feeds; the table has `id` and `geom_3857`. An UPDATE reports
-- the rows that changed in any column (one the tile does not carry costs at most a needless
-- re-render), with their old and their new geometry: the tiles the row left and those it entered.
CREATE FUNCTION pelak_tiles_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed_count bigint;
  changed_extent box2d;
  changed_boxes jsonb;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('pelak_tiles', json_build_object('layer', TG_ARGV[0], 'boxes', null)::text);
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT count(*), ST_Extent(g), jsonb_agg(pelak_tile_box(g)) FILTER (WHERE k <= 100)
    INTO changed_count, changed_extent, changed_boxes
    FROM (SELECT geom_3857 AS g, row_number() OVER () AS k FROM new_rows WHERE geom_3857 IS NOT NULL) c;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT count(*), ST_Extent(g), jsonb_agg(pelak_tile_box(g)) FILTER (WHERE k <= 100)
    INTO changed_count, changed_extent, changed_boxes
    FROM (SELECT geom_3857 AS g, row_number() OVER () AS k FROM old_rows WHERE geom_3857 IS NOT NULL) c;
  ELSE
    SELECT count(*), ST_Extent(g), jsonb_agg(pelak_tile_box(g)) FILTER (WHERE k <= 100)
    INTO changed_count, changed_extent, changed_boxes
    FROM (
      SELECT g, row_number() OVER () AS k
      FROM (SELECT o.geom_3857 AS g FROM old_rows o LEFT JOIN new_rows nw ON nw.id = o.id WHERE o IS DISTINCT FROM nw
            UNION ALL
            SELECT nw.geom_3857 FROM new_rows nw LEFT JOIN old_rows o ON o.id = nw.id WHERE o IS DISTINCT FROM nw) moved
      WHERE g IS NOT NULL
    ) c;
  END IF;
  PERFORM pelak_tiles_notify(TG_ARGV[0], changed_count, changed_extent, changed_boxes);
  RETURN NULL;
END;
$$;

-- Where a change to a table without geometry redraws a whole layer (e.g. a rule book the zoning
-- tiles read): TG_ARGV[0] is the layer, every tile of which is dropped.
CREATE FUNCTION pelak_tiles_layer_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pelak_tiles', json_build_object('layer', TG_ARGV[0], 'boxes', null)::text);
  RETURN NULL;
END;
$$;

-- THE HOOK for a new tile layer: `SELECT pelak_track_tile_layer('table', 'layer');` in its migration,
-- for the table whose rows (with `id` and `geom_3857`) are the layer's features, and
-- `SELECT pelak_track_tile_dependency('table', 'layer');` for each other table its tile SQL reads.
-- A test (tests/integration/tile-cache.test.ts) refuses a catalogue layer no table reports for.
CREATE FUNCTION pelak_track_tile_layer(tbl regclass, layer text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  trigger_name text := 'tiles_' || layer;
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
    'FOR EACH STATEMENT EXECUTE FUNCTION pelak_tiles_changed(%L)', trigger_name || '_insert', tbl, layer);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
    'FOR EACH STATEMENT EXECUTE FUNCTION pelak_tiles_changed(%L)', trigger_name || '_update', tbl, layer);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows '
    'FOR EACH STATEMENT EXECUTE FUNCTION pelak_tiles_changed(%L)', trigger_name || '_delete', tbl, layer);
  EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %s '
    'FOR EACH STATEMENT EXECUTE FUNCTION pelak_tiles_changed(%L)', trigger_name || '_truncate', tbl, layer);
END;
$$;

CREATE FUNCTION pelak_track_tile_dependency(tbl regclass, layer text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
    'FOR EACH STATEMENT EXECUTE FUNCTION pelak_tiles_layer_changed(%L)', 'tiles_' || layer || '_dependency', tbl, layer);
END;
$$;

-- Parcels also change when a case is filed or closed: the open_cases triggers above update them.
SELECT pelak_track_tile_layer('districts', 'districts');
SELECT pelak_track_tile_layer('blocks', 'blocks');
SELECT pelak_track_tile_layer('streets', 'streets');
SELECT pelak_track_tile_layer('widening_lines', 'widening_lines');
SELECT pelak_track_tile_layer('zoning_zones', 'zoning');
SELECT pelak_track_tile_layer('overlays', 'overlays');
SELECT pelak_track_tile_layer('parcels', 'parcels');
