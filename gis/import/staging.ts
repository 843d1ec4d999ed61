import { sql, type Transaction } from 'kysely';
import type { Geometry } from 'geojson';
import type { CityLayer, DB } from '../../src/lib/server/db/schema';
import { ImportError } from './import-error';
import type { LayerSpec } from './layers';

/**
 * The import's work inside its transaction: features are staged in a temporary table, geometries
 * repaired or rejected there with PostGIS, duplicates rejected, spatial joins filled, and the
 * survivors inserted (after `--replace` deleted the layer's rows).
 */

export interface StagedFeature {
	feature: number;
	geometry: Geometry;
	values: Record<string, string | number | null>;
	attributes: Record<string, unknown>;
	/** What the importer already mended before the database saw it (an unclosed ring). */
	repaired?: string;
}

const BATCH = 1000;

export async function stage(trx: Transaction<DB>, staged: StagedFeature[], srid: number) {
	await sql`create temporary table import_staging (
		feature_no integer primary key,
		geom geometry,
		vals jsonb not null,
		attrs jsonb not null,
		-- why a feature is rejected (the same words for every feature rejected for it) and its particulars
		reject text,
		reject_detail text,
		-- ST_IsValidReason of a geometry repaired with ST_MakeValid
		repaired text
	) on commit drop`.execute(trx);
	for (let i = 0; i < staged.length; i += BATCH) {
		// One JSON parameter per batch: a single round trip, and no parameter limit to hit.
		const batch = JSON.stringify(
			staged.slice(i, i + BATCH).map((f) => ({ n: f.feature, g: JSON.stringify(f.geometry), v: f.values, a: f.attributes, r: f.repaired ?? null }))
		);
		await sql`
			insert into import_staging (feature_no, geom, vals, attrs, repaired)
			select (e->>'n')::integer, ST_SetSRID(ST_GeomFromGeoJSON(e->>'g'), ${srid}::integer), e->'v', e->'a', e->>'r'
			from jsonb_array_elements(${batch}::jsonb) as e`.execute(trx);
	}
}

/** Below these a feature is a digitising slip, not a thing in the city (in the city's metric CRS). */
export const MIN_AREA_M2 = 0.01;
export const MIN_LENGTH_M = 0.01;

/**
 * Geometry checks in PostGIS: wrong dimension and empty geometries are rejected; invalid ones are
 * repaired with ST_MakeValid keeping only the part of the layer's type (a bow-tie becomes two
 * triangles); what is left empty is rejected, and so is a polygon of next to no area (a sliver, a
 * ring folded onto itself) or a line of next to no length: the map cannot show it, and a parcel's
 * shares and capacity divide by its area. The rest becomes Multi*.
 */
export async function repairGeometries(trx: Transaction<DB>, spec: LayerSpec) {
	const [dimension, collectionType, expected] = spec.geometry === 'polygon' ? [2, 3, 'polygon'] : [1, 2, 'line'];
	await sql`update import_staging set reject = 'empty geometry' where reject is null and (geom is null or ST_IsEmpty(geom))`.execute(trx);
	await sql`
		update import_staging
		set reject = 'a ' || lower(replace(GeometryType(geom), 'MULTI', 'multi-')) || ${` where a ${expected} is expected`}::text
		where reject is null and ST_Dimension(geom) <> ${dimension}::integer
			and not (GeometryType(geom) = 'GEOMETRYCOLLECTION' and ST_Dimension(geom) > ${dimension}::integer)`.execute(trx);
	await sql`
		update import_staging
		set repaired = coalesce(repaired || '; ', '') || ST_IsValidReason(geom),
			geom = ST_CollectionExtract(ST_MakeValid(geom), ${collectionType}::integer)
		where reject is null and not ST_IsValid(geom)`.execute(trx);
	await sql`
		update import_staging set geom = ST_CollectionExtract(geom, ${collectionType}::integer)
		where reject is null and GeometryType(geom) = 'GEOMETRYCOLLECTION'`.execute(trx);
	await sql`
		update import_staging set reject = ${`no ${expected} is left once the geometry is repaired`}::text, reject_detail = repaired
		where reject is null and (geom is null or ST_IsEmpty(geom))`.execute(trx);
	if (spec.geometry === 'polygon') {
		await sql`
			update import_staging set reject = ${`a polygon of next to no area (under ${MIN_AREA_M2} m²)`}::text, reject_detail = round(ST_Area(geom)::numeric, 6) || ' m²'
			where reject is null and ST_Area(geom) < ${MIN_AREA_M2}::float8`.execute(trx);
	} else {
		await sql`
			update import_staging set reject = ${`a line of next to no length (under ${MIN_LENGTH_M} m)`}::text, reject_detail = round(ST_Length(geom)::numeric, 6) || ' m'
			where reject is null and ST_Length(geom) < ${MIN_LENGTH_M}::float8`.execute(trx);
	}
	await sql`update import_staging set geom = ST_Multi(geom) where reject is null`.execute(trx);
}

/** Unique columns: the first feature with a value wins; later ones, and ones already stored, are rejected. */
export async function rejectDuplicates(trx: Transaction<DB>, spec: LayerSpec, replace: boolean) {
	for (const column of spec.unique ?? []) {
		await sql`
			with ranked as (
				select feature_no, vals->>${sql.lit(column)} as value,
					min(feature_no) over (partition by vals->>${sql.lit(column)}) as first
				from import_staging where reject is null and vals->>${sql.lit(column)} is not null
			)
			update import_staging s
			set reject = ${`duplicate ${column}`}::text, reject_detail = '"' || r.value || '" (also feature ' || r.first || ')'
			from ranked r where r.feature_no = s.feature_no and r.first <> s.feature_no`.execute(trx);
		if (!replace) {
			await sql`
				update import_staging s set reject = ${`${column} already in the database (use --replace)`}::text, reject_detail = '"' || (s.vals->>${sql.lit(column)}) || '"'
				from ${sql.table(spec.table)} t
				where s.reject is null and t.${sql.ref(column)}::text = s.vals->>${sql.lit(column)}`.execute(trx);
		}
	}
}

/**
 * The same feature twice: the same geometry (ST_Equals) and the same values for every field the layer
 * reads, later in the file or already stored (without --replace). Re-importing a file is then a no-op
 * that says so, rather than a second copy of every street or zone (layers with no unique code).
 * Same geometry with other values stays: a zone-value polygon carries one row per use class.
 */
export async function rejectIdentical(trx: Transaction<DB>, spec: LayerSpec, replace: boolean) {
	await sql`
		with ranked as (
			select feature_no, min(feature_no) over (partition by ST_AsEWKB(geom), vals) as first
			from import_staging where reject is null
		)
		update import_staging s set reject = 'duplicate feature (the same geometry and values)', reject_detail = 'the same as feature ' || r.first
		from ranked r where r.feature_no = s.feature_no and r.first <> s.feature_no`.execute(trx);
	if (replace) return;
	const same = spec.fields.map((f) => {
		const value = f.fallback === undefined ? sql.ref(`r.${f.name}`) : sql`coalesce(${sql.ref(`r.${f.name}`)}, ${f.fallback})`;
		return sql`${sql.ref(`t.${f.name}`)} is not distinct from ${value}`;
	});
	await sql`
		with stored as (
			select s.feature_no, min(t.id) as id
			from import_staging s
			cross join lateral jsonb_populate_record(null::${sql.table(spec.table)}, s.vals) r
			join ${sql.table(spec.table)} t on t.geom && s.geom and ST_Equals(t.geom, s.geom)
			where s.reject is null${same.length ? sql` and ${sql.join(same, sql` and `)}` : sql``}
			group by s.feature_no
		)
		update import_staging s set reject = 'already in the database: the same geometry and values (use --replace to load the file again)',
			reject_detail = ${`${spec.table} id `}::text || stored.id
		from stored where stored.feature_no = s.feature_no`.execute(trx);
}

/** Fills the links the file does not carry, by where a point surely inside the feature falls. */
export async function joinSpatially(trx: Transaction<DB>, spec: LayerSpec) {
	const inside = (table: 'districts' | 'blocks' | 'parcels') => sql`(
		select x.id from ${sql.table(table)} x
		where ST_Intersects(x.geom, ST_PointOnSurface(s.geom)) order by x.id limit 1)`;
	const set = (column: string, value: ReturnType<typeof sql>) => sql`
		update import_staging s set vals = s.vals || jsonb_build_object(${sql.lit(column)}::text, ${value})
		where s.reject is null and (s.vals->${sql.lit(column)}) is null`;
	switch (spec.layer) {
		case 'parcels':
			await set('district_id', inside('districts')).execute(trx);
			await set('block_id', inside('blocks')).execute(trx);
			break;
		case 'blocks':
			await set('district_id', inside('districts')).execute(trx);
			break;
		case 'buildings':
			await set('parcel_id', inside('parcels')).execute(trx);
			break;
		case 'widening_lines':
			// a widening line runs beside its street, half the planned width away
			await set(
				'street_id',
				sql`(select st.id from streets st where ST_DWithin(st.geom, s.geom, 50)
					order by ST_Distance(st.geom, s.geom), st.id limit 1)`
			).execute(trx);
			break;
		case 'street_surfaces':
		case 'restrictions':
			// a carriageway holds its centre line; a footway lies beside it
			await set(
				'street_id',
				sql`(select st.id from streets st where ST_DWithin(st.geom, ST_PointOnSurface(s.geom), 40)
					order by ST_Distance(st.geom, ST_PointOnSurface(s.geom)), st.id limit 1)`
			).execute(trx);
			break;
	}
}

/** Values each fine alone that the table refuses together: rejected per feature rather than failing the file. */
export async function rejectInconsistent(trx: Transaction<DB>, spec: LayerSpec) {
	if (spec.layer !== 'restrictions') return;
	await sql`
		update import_staging set reject = 'ends_on ' || (vals->>'ends_on') || ' is before starts_on ' || (vals->>'starts_on')
		where reject is null and (vals->>'ends_on')::date < (vals->>'starts_on')::date`.execute(trx);
}

const JOIN_COLUMNS: Partial<Record<CityLayer, string[]>> = {
	parcels: ['district_id', 'block_id'],
	blocks: ['district_id'],
	buildings: ['parcel_id'],
	widening_lines: ['street_id'],
	street_surfaces: ['street_id'],
	restrictions: ['street_id']
};

/** Rows that --replace deletes with the layer (foreign keys ON DELETE CASCADE), said out loud. */
const CASCADES: Partial<Record<CityLayer, ('buildings' | 'widening_lines')[]>> = {
	parcels: ['buildings'],
	streets: ['widening_lines']
};

export async function dependentRows(trx: Transaction<DB>, spec: LayerSpec): Promise<string[]> {
	if (spec.layer === 'parcels') await refuseWhenCasesExist(trx);
	const notes: string[] = [];
	for (const table of CASCADES[spec.layer] ?? []) {
		const column = table === 'widening_lines' ? 'street_id' : 'parcel_id';
		const { rows } = await sql<{ n: number }>`
			select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} is not null`.execute(trx);
		if (rows[0].n) notes.push(`--replace also deleted ${rows[0].n} ${table} linked to the old ${spec.table}`);
	}
	return notes;
}

/** Cases are records, not layer data: replacing the parcels under them would orphan or erase them. */
async function refuseWhenCasesExist(trx: Transaction<DB>) {
	const { rows } = await sql<{ n: number }>`select count(*)::int as n from cases`.execute(trx);
	if (rows[0].n > 0) {
		throw new ImportError('replace_has_cases', {
			fa: `جایگزینی پلاک‌ها ممکن نیست: ${rows[0].n} پرونده روی پلاک‌های فعلی ثبت شده است. پلاک‌های جدید را بدون --replace وارد کنید.`,
			en: `Cannot replace parcels: ${rows[0].n} cases are filed on the current parcels. Import the new parcels without --replace.`
		});
	}
}

export async function deleteLayer(trx: Transaction<DB>, spec: LayerSpec): Promise<number> {
	const result = await sql`delete from ${sql.table(spec.table)}`.execute(trx);
	return Number(result.numAffectedRows ?? 0);
}

export async function insertStaged(trx: Transaction<DB>, spec: LayerSpec): Promise<number> {
	const columns = [...spec.fields.map((f) => f.name), ...(JOIN_COLUMNS[spec.layer] ?? [])];
	const values = columns.map((c) => {
		const fallback = spec.fields.find((f) => f.name === c)?.fallback;
		return fallback === undefined ? sql.ref(`r.${c}`) : sql`coalesce(${sql.ref(`r.${c}`)}, ${fallback})`;
	});
	const keep = spec.keepsAttributes;
	// jsonb_populate_record casts each value to its column's type, the way the table declares it.
	const result = await sql`
		insert into ${sql.table(spec.table)} (${sql.join(columns.map((c) => sql.ref(c)))}, geom${keep ? sql`, attributes` : sql``})
		select ${sql.join(values)}, s.geom${keep ? sql`, s.attrs` : sql``}
		from import_staging s cross join lateral jsonb_populate_record(null::${sql.table(spec.table)}, s.vals) r
		where s.reject is null
		order by s.feature_no`.execute(trx);
	return Number(result.numAffectedRows ?? 0);
}


export interface StagingIssue {
	feature_no: number;
	reject: string | null;
	reject_detail: string | null;
	repaired: string | null;
}

/** Features rejected or repaired inside the database, in file order. */
export async function stagingIssues(trx: Transaction<DB>): Promise<StagingIssue[]> {
	const { rows } = await sql<StagingIssue>`
		select feature_no, reject, reject_detail, repaired from import_staging
		where reject is not null or repaired is not null order by feature_no`.execute(trx);
	return rows;
}
