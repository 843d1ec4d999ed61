import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Geometry } from 'geojson';
import type { DB } from '../db/schema';
import { asGeoJson, storageGeom, toWgs84, WGS84 } from '../spatial';
import type { Collection } from './catalogue';
import type { Bbox } from './query';

/**
 * The SQL of the OGC API, for any collection of the catalogue. Features
 * are read in id order and paged by keyset (`id > after`), so the thousandth page of a million
 * parcels costs what the first does. A bbox is densified and taken into the storage CRS, so the
 * GiST index on the stored geometry answers it (tests EXPLAIN this).
 */

export interface FeatureRow {
	id: number;
	geometry: Geometry | null;
	properties: Record<string, unknown>;
}

/**
 * Edges of a CRS84 box are parallels and meridians, which are curves in a projected CRS; points every
 * 0.01° (about 1 km) keep the straight edges between them within centimetres of the true ones.
 */
const BBOX_SEGMENT_DEGREES = 0.01;

/** The CRS84 box as a polygon in the storage CRS. */
function bboxInStorage(bbox: Bbox, srid: number): RawBuilder<unknown> {
	const { west, south, east, north } = bbox;
	return sql`ST_Transform(ST_Segmentize(ST_MakeEnvelope(${west}::float8, ${south}::float8, ${east}::float8, ${north}::float8, ${WGS84}::int), ${BBOX_SEGMENT_DEGREES}::float8), ${srid}::int)`;
}

function geometryOf(c: Collection): RawBuilder<string> {
	return storageGeom(`t.${c.geometryColumn}`);
}

function idOf(c: Collection): RawBuilder<number> {
	return sql.ref<number>(`t.${c.idColumn}`);
}

/** Features that meet the box: `&&` for the index, ST_Intersects for the exact answer. */
function filters(c: Collection, bbox: Bbox | null, srid: number, after: number | null = null): RawBuilder<boolean> {
	const conditions: RawBuilder<unknown>[] = [];
	if (bbox) {
		const box = bboxInStorage(bbox, srid);
		conditions.push(sql`${geometryOf(c)} && ${box} and ST_Intersects(${geometryOf(c)}, ${box})`);
	}
	if (after !== null) conditions.push(sql`${idOf(c)} > ${after}::int8`);
	return conditions.length ? sql<boolean>`${sql.join(conditions, sql` and `)}` : sql<boolean>`true`;
}

function featureColumns(c: Collection): RawBuilder<unknown> {
	const properties = sql.join(Object.entries(c.properties).map(([name, p]) => sql`${name}::text, ${p.expression}`));
	return sql`${idOf(c)} as id,
		${asGeoJson(toWgs84(geometryOf(c)))} as geometry,
		json_build_object(${properties}) as properties`;
}

/** One page: features after `after` (in id order) that meet the box, at most `limit`. */
export function itemsQuery(c: Collection, page: { bbox: Bbox | null; after: number | null; limit: number }, srid: number) {
	return sql<FeatureRow>`
		select ${featureColumns(c)}
		from ${sql.table(c.table)} t
		where ${filters(c, page.bbox, srid, page.after)}
		order by ${idOf(c)}
		limit ${page.limit}::int`;
}

/**
 * PostgreSQL JIT-compiles a query whose estimated cost is high, as a count over a city-wide bbox is
 * (ST_Intersects per row): measured on a million parcels, 2 s of compiling for a 0.5 s count.
 */
function withoutJit<T>(db: Kysely<DB>, run: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
	return db.transaction().execute(async (trx) => {
		await sql`set local jit = off`.execute(trx);
		return run(trx);
	});
}

export async function selectItems(
	db: Kysely<DB>,
	c: Collection,
	page: { bbox: Bbox | null; after: number | null; limit: number },
	srid: number
): Promise<FeatureRow[]> {
	const { rows } = await withoutJit(db, (trx) => itemsQuery(c, page, srid).execute(trx));
	return rows;
}

export async function selectItem(db: Kysely<DB>, c: Collection, id: number): Promise<FeatureRow | null> {
	const { rows } = await sql<FeatureRow>`
		select ${featureColumns(c)} from ${sql.table(c.table)} t where ${idOf(c)} = ${id}::int8`.execute(db);
	return rows[0] ?? null;
}

/**
 * How many features meet the box, counting no further than `cap`: the exact number, or null when
 * there are more than `cap` (a count of a million rows is not worth making on every first page).
 */
export async function countItems(db: Kysely<DB>, c: Collection, bbox: Bbox | null, srid: number, cap: number): Promise<number | null> {
	const { rows } = await withoutJit(db, (trx) =>
		sql<{ n: number }>`
			select count(*)::int as n
			from (select 1 from ${sql.table(c.table)} t where ${filters(c, bbox, srid)} limit ${cap + 1}::int) q`.execute(trx)
	);
	return rows[0].n > cap ? null : rows[0].n;
}

export type Extent = [number, number, number, number];

/** A storage-CRS box2d as a CRS84 bounding box (its edges densified to 1 km before transforming). */
async function extentInCrs84(db: Kysely<DB>, box: RawBuilder<unknown>, srid: number): Promise<Extent | null> {
	const { rows } = await sql<{ west: number | null; south: number; east: number; north: number }>`
		select ST_XMin(e) as west, ST_YMin(e) as south, ST_XMax(e) as east, ST_YMax(e) as north
		from (select ST_Transform(ST_Segmentize(ST_SetSRID(b.box::geometry, ${srid}::int), 1000), ${WGS84}::int) as e from (select ${box} as box) b) q`.execute(db);
	const row = rows[0];
	return row && row.west !== null ? [row.west, row.south, row.east, row.north] : null;
}

/**
 * The collection's CRS84 bounding box: the planner statistics' estimate (cheap, from the last ANALYZE),
 * or, for a table without statistics yet, the exact extent. Null for an empty table.
 */
export async function selectExtent(db: Kysely<DB>, c: Collection, srid: number): Promise<Extent | null> {
	const estimated = await extentInCrs84(db, sql`ST_EstimatedExtent(${c.table}::text, ${c.geometryColumn}::text)`, srid);
	return estimated ?? extentInCrs84(db, sql`(select ST_Extent(${geometryOf(c)}) from ${sql.table(c.table)} t)`, srid);
}
