/**
 * Parcel lookups on PostGIS: the only module of the parcel feature that touches the database.
 * Every query is a single round trip; spatial predicates are ST_Intersects on GiST-indexed
 * storage geometry (the city's projected CRS), and only the answer is transformed to WGS84.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { prepared } from '../db/prepared';
import { overlapsWith } from '../db/area-parts';
import type { LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import type { DB } from '../db/schema';
import type { OpenCase, OverlayInfo, ParcelDetail, SetbackInfo, ZoningInfo } from '../../api/parcel';
import {
	asGeoJson,
	bboxColumns,
	lonLatColumns,
	lonLatToStorage,
	MIN_OVERLAP_M2,
	pointOnSurfaceWgs84,
	storageGeom,
	toWgs84,
	wgs84Geom
} from '../spatial';

// the parcel service reaches the database only through this module
export { storageSrid } from '../spatial';

export type Queryable = Kysely<DB> | Transaction<DB>;

/** Which parcel a detail query is about. */
export type ParcelSelector = { id: number } | { lon: number; lat: number; srid: number };

/**
 * The parcel at a WGS84 point: the point is transformed once to the storage CRS so the GiST index
 * on parcels.geom answers ST_Intersects. A point on a shared boundary touches several parcels;
 * the lowest id wins so the answer never changes between calls. The candidates are materialised
 * first so the planner cannot answer `order by id limit 1` by walking the primary key instead.
 */
export function parcelAtPoint(lon: number, lat: number, srid: number): RawBuilder<unknown> {
	return sql`with candidates as materialized (
			select * from parcels
			where ST_Intersects(geom, ${lonLatToStorage({ lon, lat }, srid)})
		)
		select * from candidates order by id limit 1`;
}

function selectParcel(selector: ParcelSelector): RawBuilder<unknown> {
	return 'id' in selector
		? sql`select * from parcels where id = ${selector.id}::int8`
		: parcelAtPoint(selector.lon, selector.lat, selector.srid);
}

// The JSON the detail query builds has exactly the contract's shapes (src/lib/api/parcel.ts).
/** A zone as the zoning layer has it; the service fills its rules in from the rule book in force. */
export type ZoneRow = Omit<ZoningInfo, 'rules_defined'>;
export type OverlayRow = OverlayInfo;
export type StreetRow = SetbackInfo['streets'][number];
export type BuildingRow = ParcelDetail['buildings'][number];
export type CaseRow = OpenCase;

/** One row with everything the parcel panel needs; nested lists arrive as JSON. */
export interface ParcelDetailRow
	extends Pick<
		ParcelDetail,
		| 'id'
		| 'renovation_code'
		| 'registration_plate'
		| 'plate_main'
		| 'plate_sub'
		| 'registry_section'
		| 'postal_code'
		| 'address'
		| 'district'
		| 'block_code'
		| 'area_m2'
		| 'geometry'
	> {
	centroid_lon: number;
	centroid_lat: number;
	west: number;
	south: number;
	east: number;
	north: number;
	/** Zones overlapping the parcel, largest share first. */
	zones: ZoneRow[];
	overlays: OverlayRow[];
	setback_area_m2: number;
	setback_geometry: Polygon | MultiPolygon | null;
	setback_streets: StreetRow[];
	buildings: BuildingRow[];
	open_cases: CaseRow[];
}

/**
 * Everything about one parcel in one query. The CTEs each start from the single parcel row and
 * reach other layers only through GiST-indexed ST_Intersects (or the parcel_id indexes), so the cost
 * does not grow with the size of the city.
 */
export async function findParcelDetail(db: Queryable, selector: ParcelSelector): Promise<ParcelDetailRow | null> {
	// prepared once per connection: the map asks this on every click (db/prepared.ts)
	const { rows } = await prepared(parcelDetailQuery(selector)).execute(db);
	return rows[0] ?? null;
}

/**
 * The overlays covering more than MIN_OVERLAP_M2 of the parcel row `p` of the caller's statement (its CTE), as
 * the parcel panel and the proposal check list them.
 */
export function overlaysOfParcel(): RawBuilder<OverlayRow> {
	return sql<OverlayRow>`
		select o.id, o.kind, o.name_fa, o.name_en, o.max_height_m, o.max_floors, o.rule_fa, o.rule_en
		from p cross join lateral (${overlapsWith('overlays', sql.ref('p.geom'))}) x join overlays o on o.id = x.id
		where x.overlap_m2 > ${MIN_OVERLAP_M2}`;
}

/**
 * The parcel row `p` of the caller's statement (its CTE) cut by the planned street corridors: one row per corridor
 * taking more than MIN_OVERLAP_M2 of it, its `street_id` and the `part` taken. Their union is the parcel's setback,
 * as the parcel panel shows it and the proposal check deducts it.
 */
export function corridorPartsOfParcel(): RawBuilder<{ street_id: number; part: unknown }> {
	return sql<{ street_id: number; part: unknown }>`
		select c.street_id, part
		from p join widening_corridors c on ST_Intersects(c.geom, p.geom),
			lateral ST_CollectionExtract(ST_Intersection(p.geom, c.geom), 3) as part
		where ST_Area(part) > ${MIN_OVERLAP_M2}`;
}

/** The SQL of {@link findParcelDetail}, exported so a test can EXPLAIN it. */
export function parcelDetailQuery(selector: ParcelSelector): RawBuilder<ParcelDetailRow> {
	return sql<ParcelDetailRow>`
		with p as materialized (${selectParcel(selector)}),
		p4 as (select ${toWgs84(storageGeom('p.geom'))} as g from p),
		zones as (
			select z.id, z.code, z.land_use, z.density_pct, z.occupancy_pct, z.max_floors, z.max_height_m, z.description,
				x.overlap_m2, p.area_m2
			from p cross join lateral (${overlapsWith('zoning_zones', sql.ref('p.geom'))}) x join zoning_zones z on z.id = x.id
		),
		ovl as (${overlaysOfParcel()}),
		corr as (${corridorPartsOfParcel()}),
		setback as (select ST_Union(part) as g from corr)
		select p.id, p.renovation_code, p.registration_plate, p.plate_main, p.plate_sub, p.registry_section,
			p.postal_code, p.address, p.area_m2, b.code as block_code,
			case when d.id is null then null
				else json_build_object('id', d.id, 'code', d.code, 'name_fa', d.name_fa, 'name_en', d.name_en) end as district,
			${asGeoJson(wgs84Geom('p4.g'))} as geometry,
			${lonLatColumns(wgs84Geom('c.pt'), 'centroid')},
			${bboxColumns(wgs84Geom('p4.g'))},
			(select coalesce(json_agg(json_build_object(
					'id', id, 'code', code, 'land_use', land_use, 'density_pct', density_pct,
					'occupancy_pct', occupancy_pct, 'max_floors', max_floors, 'max_height_m', max_height_m,
					'description', description, 'share_pct', 100 * overlap_m2 / nullif(area_m2, 0)
				) order by overlap_m2 desc, id), '[]')
				from zones where overlap_m2 > ${MIN_OVERLAP_M2}) as zones,
			(select coalesce(json_agg(ovl order by ovl.id), '[]') from ovl) as overlays,
			coalesce(ST_Area(setback.g), 0) as setback_area_m2,
			${asGeoJson(toWgs84(storageGeom('setback.g')))} as setback_geometry,
			(select coalesce(json_agg(s order by s.id), '[]') from (
				select distinct st.id, st.name_fa, st.name_en, st.width_m, st.planned_width_m
				from corr join streets st on st.id = corr.street_id) s) as setback_streets,
			(select coalesce(json_agg(json_build_object(
					'id', bu.id, 'floors', bu.floors, 'built_floor_area_m2', bu.built_floor_area_m2,
					'permitted_floor_area_m2', bu.permitted_floor_area_m2, 'permit_no', bu.permit_no,
					'permit_date', bu.permit_date
				) order by bu.id), '[]')
				from buildings bu where bu.parcel_id = p.id) as buildings,
			(select coalesce(json_agg(json_build_object(
					'id', k.id, 'tracking_code', k.tracking_code, 'kind', k.kind, 'title_fa', k.title_fa,
					'title_en', k.title_en, 'step_fa', k.step_fa, 'step_en', k.step_en,
					'opened_at', k.opened_at, 'due_on', k.due_on, 'imported', k.request_type is null
				) order by k.opened_at, k.id), '[]')
				from cases k where k.parcel_id = p.id and k.status = 'open') as open_cases
		from p
		cross join p4
		cross join setback
		cross join lateral (select ${pointOnSurfaceWgs84(storageGeom('p.geom'))} as pt) c
		left join districts d on d.id = p.district_id
		left join blocks b on b.id = p.block_id
	`;
}

export type SearchField = 'renovation_code' | 'registration_plate' | 'postal_code' | 'address';

/** One way of matching the query: exact matches rank before prefix matches, fields in this order. */
export type SearchMatcher =
	| { field: 'renovation_code'; exact: string }
	| { field: 'renovation_code'; prefix: string }
	| { field: 'registration_plate'; exact: string }
	| { field: 'registration_plate'; main: string }
	| { field: 'postal_code'; exact: string }
	| { field: 'postal_code'; prefix: string }
	| { field: 'address'; keyPrefix: string }
	| { field: 'address'; wordPrefixes: string[] };

export interface SearchRow {
	id: number;
	label: string;
	matched: SearchField;
	/** What tells hits of the same label apart (two parcels at one address): the parcel's renovation code and its block's code. */
	renovation_code: string | null;
	block_code: string | null;
	centroid_lon: number;
	centroid_lat: number;
	west: number;
	south: number;
	east: number;
	north: number;
}

/** Escapes LIKE's wildcards so a user's `%` or `_` is matched literally. */
function likeLiteral(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A full-text query in which every word must start a word of the text: `'چهارباغ':* & 'عباسی':*`.
 * Quoted, so no character of the user's words can act as a tsquery operator.
 */
function wordPrefixQuery(words: string[]): string {
	return words.map((w) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`).join(' & ');
}

/** The WHERE clause and label of a matcher; each is served by an index from 0002/0004. */
function matcherSql(m: SearchMatcher): { where: RawBuilder<unknown>; label: RawBuilder<unknown> } {
	switch (m.field) {
		case 'renovation_code':
			return {
				label: sql`renovation_code`,
				where: 'exact' in m ? sql`renovation_code = ${m.exact}` : sql`renovation_code like ${likeLiteral(m.prefix) + '%'}`
			};
		case 'registration_plate':
			return {
				label: sql`registration_plate`,
				where: 'exact' in m ? sql`registration_plate = ${m.exact}` : sql`plate_main = ${m.main}`
			};
		case 'postal_code':
			return {
				label: sql`postal_code`,
				where: 'exact' in m ? sql`postal_code = ${m.exact}` : sql`postal_code like ${likeLiteral(m.prefix) + '%'}`
			};
		case 'address':
			return {
				label: sql`address`,
				where:
					'keyPrefix' in m
						? sql`pelak_search_key(address) like ${likeLiteral(m.keyPrefix) + '%'}`
						: sql`pelak_search_words(address) @@ to_tsquery('simple'::regconfig, ${wordPrefixQuery(m.wordPrefixes)})`
			};
	}
}

/**
 * Parcels matching any of the matchers, in the matchers' order of rank, each parcel once (at its
 * best rank), at most `limit`. Each matcher is its own limited branch so its index answers it
 * alone and stops at `limit` rows: no branch sorts, since a common prefix (every address starts
 * with the city's name) may match most of the city.
 */
export async function searchParcelRows(db: Queryable, matchers: SearchMatcher[], limit: number): Promise<SearchRow[]> {
	if (matchers.length === 0) return [];
	const branches = matchers.map((m, rank) => {
		const { where, label } = matcherSql(m);
		return sql`(select id, ${rank}::int as rank, ${m.field}::text as matched, ${label} as label
			from parcels where ${where} limit ${limit}::int)`;
	});
	const { rows } = await sql<SearchRow>`
		with hits as (${sql.join(branches, sql` union all `)}),
		best as (select distinct on (id) id, rank, matched, label from hits order by id, rank)
		select best.id, best.label, best.matched, p.renovation_code, b.code as block_code,
			${lonLatColumns(wgs84Geom('c.pt'), 'centroid')},
			${bboxColumns(wgs84Geom('g.g'))}
		from best
		join parcels p on p.id = best.id
		left join blocks b on b.id = p.block_id
		cross join lateral (select ${pointOnSurfaceWgs84(storageGeom('p.geom'))} as pt) c
		cross join lateral (select ${toWgs84(storageGeom('p.geom'))} as g) g
		order by best.rank, best.label, best.id
		limit ${limit}::int
	`.execute(db);
	return rows;
}

/** A street found by name: its segments that join up (a name may be given to several streets apart), at most this far apart. */
const STREET_JOIN_M = 60;
/** Segments read for a word-prefix query before their names are taken: a prefix as common as «خیابان» stops here. */
const STREET_SCAN_LIMIT = 200;

export interface StreetSearchRow {
	id: number;
	label: string;
	geometry: LineString | MultiLineString;
	centroid_lon: number;
	centroid_lat: number;
	west: number;
	south: number;
	east: number;
	north: number;
}

/**
 * The street search: the names of streets whose name (Persian or English) has a word starting
 * with each of `words`, at most `limit` names in name order, each street of that name once (its
 * segments within STREET_JOIN_M of each other joined), with the line, bbox and a point of the whole street.
 * Index-backed: the words through streets_name_words_idx (at most STREET_SCAN_LIMIT rows read),
 * the segments of the names found through streets_name_fa_idx.
 */
export function streetSearchQuery(words: string[], limit: number) {
	return sql<StreetSearchRow>`
		with found as (
			select name_fa, name_en from streets
			where pelak_search_words(coalesce(name_fa, '') || ' ' || coalesce(name_en, '')) @@ to_tsquery('simple'::regconfig, ${wordPrefixQuery(words)})
			limit ${STREET_SCAN_LIMIT}::int),
		names as (select distinct name_fa from found where name_fa is not null order by name_fa limit ${limit}::int),
		segments as (
			select s.id, s.name_fa, s.name_en, s.geom,
				ST_ClusterDBSCAN(s.geom, ${STREET_JOIN_M}::float8, 1) over (partition by s.name_fa) as part
			-- per name through streets_name_fa_idx (the fence, offset 0, keeps it a loop over the names: joined flat, the
			-- planner reckoned each of up to the limit's names at the average name's segments and scanned the whole table)
			from names n cross join lateral (select s.id, s.name_fa, s.name_en, s.geom from streets s where s.name_fa = n.name_fa offset 0) s),
		street as (
			select min(id) as id, name_fa as label, ST_Union(geom) as geom
			from segments group by name_fa, part)
		select street.id, street.label, ${asGeoJson(wgs84Geom('g.g'))} as geometry,
			${lonLatColumns(wgs84Geom('c.pt'), 'centroid')},
			${bboxColumns(wgs84Geom('g.g'))}
		from street
		cross join lateral (select ${toWgs84(sql`ST_ClosestPoint(street.geom, ST_Centroid(street.geom))`)} as pt) c
		cross join lateral (select ${toWgs84(storageGeom('street.geom'))} as g) g
		order by street.label, street.id
		limit ${limit}::int
	`;
}

export async function searchStreetRows(db: Queryable, words: string[], limit: number): Promise<StreetSearchRow[]> {
	if (words.length === 0) return [];
	return (await streetSearchQuery(words, limit).execute(db)).rows;
}

