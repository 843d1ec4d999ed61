-- Every stored area is a valid polygon, by the database's rule. The spatial queries cut these layers against each
-- other (the zone covering most of a parcel, a parcel's setback strip, an excavation's surfaces, the fee's zone
-- value): GEOS refuses some invalid polygons outright ("TopologyException: side location conflict"), and gives
-- wrong areas for others (a bow-tie's two lobes cancel). The importer repairs what it loads
-- (gis/import/staging.ts); these constraints make it hold for a row written any other way too (psql, ogr2ogr
-- straight into a table, a script), which is now refused naming the constraint (`parcels_geom_valid`, …) rather
-- than failing a parcel's page or fee later.
--
-- Rows already stored are first repaired the importer's way (ST_MakeValid, keeping the polygons): a NOTICE says
-- how many per table. ST_IsValid(geom, 0) is ST_IsValid without a NOTICE for each invalid row. Lines (streets,
-- widening lines) are left: nothing cuts them by area. Excavation works' footprints are checked where they are
-- drawn (src/lib/server/excavation/footprint.repository.ts).
DO $$
DECLARE
  layer text;
  repaired bigint;
BEGIN
  FOREACH layer IN ARRAY ARRAY['districts', 'blocks', 'widening_corridors', 'parcels', 'zoning_zones', 'overlays',
    'buildings', 'zone_values', 'street_surfaces', 'restrictions', 'parcel_setbacks'] LOOP
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT IF EXISTS %I', layer, layer || '_geom_valid');
    EXECUTE format('UPDATE %I SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) WHERE NOT ST_IsValid(geom, 0)', layer);
    GET DIAGNOSTICS repaired = ROW_COUNT;
    IF repaired > 0 THEN
      RAISE NOTICE '%: % invalid geometries repaired with ST_MakeValid', layer, repaired;
    END IF;
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (ST_IsValid(geom, 0))', layer, layer || '_geom_valid');
  END LOOP;
END $$;
