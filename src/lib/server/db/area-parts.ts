import { sql, type RawBuilder } from 'kysely';

/**
 * The area layers measured against a parcel, each polygon also stored cut into pieces of at most 255 vertices
 * (migrations/0156_area_layer_parts.sql; a trigger keeps them exact; street surfaces too, migrations/0158, read by
 * the excavation check). A polygon of tens of thousands of vertices costs GEOS tens of milliseconds to take in
 * whole on every call; its pieces near a parcel cost microseconds, and the pieces partition it, so overlaps add up
 * exactly.
 */
const PARTS = {
	zoning_zones: { table: 'zoning_zone_parts', key: 'zone_id' },
	overlays: { table: 'overlay_parts', key: 'overlay_id' },
	zone_values: { table: 'zone_value_parts', key: 'zone_value_id' }
} as const;

export type PartedLayer = keyof typeof PARTS;

/**
 * One row per polygon of `layer` that `geom` (a geometry of the caller's statement in the storage CRS, e.g.
 * `sql.ref('p.geom')`) intersects: its `id` and the area they share in m² (0 when they only touch). Found
 * through the pieces' GiST index. Its own alias (`area_piece`) leaves the caller's names visible inside it.
 */
export function overlapsWith(layer: PartedLayer, geom: RawBuilder<unknown>): RawBuilder<{ id: number; overlap_m2: number }> {
	const { table, key } = PARTS[layer];
	return sql<{ id: number; overlap_m2: number }>`
		select area_piece.${sql.ref(key)} as id, sum(ST_Area(ST_Intersection(area_piece.geom, ${geom}))) as overlap_m2
		from ${sql.table(table)} area_piece
		where ST_Intersects(area_piece.geom, ${geom})
		group by area_piece.${sql.ref(key)}`;
}
