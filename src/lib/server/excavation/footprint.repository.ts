import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { WGS84, type StorageGeometry } from '../spatial';
import type { DrawnFeature } from '../../schemas/excavation';
import { prepared } from '../db/prepared';

export type Queryable = Kysely<DB> | Transaction<DB>;

/**
 * Overlays (union, intersection, difference) are computed on a 1 mm grid (GEOS's snap-rounding,
 * PostGIS ≥ 3.1): exact enough for any area we state, and robust. Without it, edges a few
 * nanometres apart (a trench along a surface edge, reprojected) make GEOS fall back to its
 * exception path, which the embedded PostGIS (WASM) cannot take: the statement then silently
 * returns no rows at all (seen with PGlite 0.5.8 / PostGIS 3.6.2 / GEOS 3.14).
 */
export const OVERLAY_GRID = sql`0.001::float8`;

/** What PostGIS makes of each drawn feature once it is in the storage CRS. */
export interface FeatureVerdict {
	/** index in the request's `features` */
	i: number;
	valid: boolean;
	reason: string | null;
	/** Inside one of the city's districts (true when no district is loaded yet). */
	in_city: boolean;
}

export interface FootprintRow {
	features: FeatureVerdict[];
	/** The union of every trench and pit, MultiPolygon in the storage CRS; null when a feature is invalid. */
	footprint: StorageGeometry | null;
	area_m2: number | null;
	/** Total length of the trench centre lines. */
	length_m: number;
}

/** The drawn features as one JSON parameter: a single round trip whatever their number. */
export function featuresJson(features: readonly DrawnFeature[]): string {
	return JSON.stringify(features.map((f, i) => ({ i, kind: f.kind, w: f.width_m, g: JSON.stringify(f.geometry) })));
}

/**
 * The footprint SQL (readable here, and nowhere else): each feature from WGS84 GeoJSON into the
 * storage CRS; a trench is its centre line buffered by half its width with flat ends and mitred
 * corners (so its area is length × width), a pit is its polygon; the union is the application's
 * footprint. Validity is judged by PostGIS after the projection; a district must hold each feature.
 */
export function footprintQuery(features: readonly DrawnFeature[], srid: number): RawBuilder<FootprintRow> {
	return sql<FootprintRow>`
		with input as (
			select (e->>'i')::int as i, e->>'kind' as kind, (e->>'w')::float8 as w,
				ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(e->>'g'), ${WGS84}::int), ${srid}::int) as g
			from jsonb_array_elements(${featuresJson(features)}::jsonb) as e
		),
		checked as (
			select i, kind, g, d.valid, d.reason,
				case when not d.valid then null
					when kind = 'trench' then ST_Buffer(g, w / 2, 'endcap=flat join=mitre')
					else g end as fp,
				(not exists (select 1 from districts) or exists (select 1 from districts x where ST_Intersects(x.geom, g))) as in_city
			from input cross join lateral ST_IsValidDetail(g) as d
		)
		select a.features, ST_Multi(ST_CollectionExtract(a.fp, 3))::text as footprint, ST_Area(a.fp) as area_m2, a.length_m
		from (
			select json_agg(json_build_object('i', i, 'valid', valid, 'reason', reason, 'in_city', in_city) order by i) as features,
				-- null when a feature is invalid: nothing is measured from a broken drawing
				case when bool_and(valid) then ST_Union(fp, ${OVERLAY_GRID}) end as fp,
				coalesce(sum(ST_Length(g)) filter (where kind = 'trench'), 0) as length_m
			from checked
		) a`;
}

export async function computeFootprint(db: Queryable, features: readonly DrawnFeature[], srid: number): Promise<FootprintRow> {
	const { rows } = await prepared(footprintQuery(features, srid)).execute(db);
	return rows[0];
}
