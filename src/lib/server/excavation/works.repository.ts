import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { MultiPolygon } from 'geojson';
import type { ExcavationWorks } from '../db/schema-excavation';
import { asGeoJson, storageGeom, toWgs84, WGS84, type StorageGeometry } from '../spatial';
import type { ExportWorkProperties, PublicWorkProperties } from '../../api/excavation';
import type { IsoDate } from '../../domain/working-days';
import type { Queryable } from './footprint.repository';
import { PUBLIC_STATUSES_SQL } from './status-sql';

export type NewWorkRow = Omit<Insertable<ExcavationWorks>, 'footprint' | 'features'> & {
	footprint: StorageGeometry;
	/** the drawn features, WGS84 GeoJSON with widths */
	features: unknown;
};

export async function insertWork(db: Queryable, row: NewWorkRow): Promise<number> {
	const { id } = await db
		.insertInto('excavation_works')
		.values({ ...row, features: JSON.stringify(row.features) })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/** The select list of what anyone may see of a work (no applicant: the query cannot leak what it never reads). */
const publicColumns = sql`
	w.id, w.reference, o.name_fa as organisation_name_fa, o.name_en as organisation_name_en, o.kind as organisation_kind,
	w.purpose, w.status, w.category, w.emergency, w.starts_on::text as start, w.ends_on::text as "end",
	${asGeoJson<MultiPolygon>(toWgs84(storageGeom('w.footprint')))} as geometry`;

export type PublicWorkRow = PublicWorkProperties & { geometry: MultiPolygon };

export interface AreaQuery {
	/** west, south, east, north in WGS84 */
	bbox: [number, number, number, number];
	from: IsoDate | null;
	to: IsoDate | null;
	srid: number;
	limit: number;
}

/** Works on the public map inside a WGS84 box, optionally overlapping a date range (a missing end is open). */
export function worksInAreaQuery({ bbox, from, to, srid, limit }: AreaQuery): RawBuilder<PublicWorkRow> {
	const [west, south, east, north] = bbox;
	const area = sql`ST_Transform(ST_MakeEnvelope(${west}::float8, ${south}::float8, ${east}::float8, ${north}::float8, ${WGS84}::int), ${srid}::int)`;
	return sql<PublicWorkRow>`
		select ${publicColumns}
		from excavation_works w join organisations o on o.id = w.organisation_id
		where w.footprint && ${area} and ST_Intersects(w.footprint, ${area})
			and w.period && daterange(${from}::date, ${to}::date, '[]')
			and w.status in (${PUBLIC_STATUSES_SQL})
		order by w.starts_on desc, w.id
		limit ${limit}::int`;
}

export async function selectWorksInArea(db: Queryable, query: AreaQuery): Promise<PublicWorkRow[]> {
	return (await worksInAreaQuery(query).execute(db)).rows;
}

export async function selectPublicWork(db: Queryable, id: number): Promise<PublicWorkRow | null> {
	const { rows } = await sql<PublicWorkRow>`
		select ${publicColumns}
		from excavation_works w join organisations o on o.id = w.organisation_id
		where w.id = ${id}::bigint and w.status in (${PUBLIC_STATUSES_SQL})`.execute(db);
	return rows[0] ?? null;
}

export type ExportWorkRow = ExportWorkProperties & { geometry: MultiPolygon };

/** One page of the export, by id: every work except drafts, with the coordination fields. */
export async function selectExportPage(db: Queryable, afterId: number, pageSize: number): Promise<ExportWorkRow[]> {
	const { rows } = await sql<ExportWorkRow>`
		select ${publicColumns}, o.code as organisation_code, w.shared_trench_of, w.area_m2, w.length_m, w.features,
			to_char(w.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at
		from excavation_works w join organisations o on o.id = w.organisation_id
		where w.id > ${afterId}::bigint and w.status <> 'draft'
		order by w.id
		limit ${pageSize}::int`.execute(db);
	return rows;
}
