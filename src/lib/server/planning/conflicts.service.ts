/**
 * The setback conflicts a planner reviews: the table's rows and totals, the district and street
 * they are filtered by, and the same report as a file. Routes call these; the database is reached
 * only through the repositories.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ConflictFilter, ConflictFormat, ConflictReport, ConflictView, DistrictRef } from '../../api/planning';
import type { Lang } from '../../i18n';
import { compareCodes, toPersianDigits } from '../../domain/text';
import type { DB } from '../db/schema';
import { NotFoundError } from '../errors';
import { findConflicts, type ConflictRowWithGeometry } from './conflicts.repository';
import { conflictsCsv, conflictsGeoJson, conflictsXlsx } from './conflicts-export';

type Queryable = Kysely<DB> | Transaction<DB>;

export type ConflictReportWithGeometry = ConflictReport & { rows: ConflictRowWithGeometry[] };

/**
 * The conflicts of one view under a filter: at most `limit` rows (all by default), `row_count`
 * rows in all, and the totals of them all.
 * @throws NotFoundError (404) when the filter names a district or street that does not exist.
 */
export async function conflictReport(
	db: Queryable,
	view: ConflictView,
	filter: ConflictFilter,
	{ withGeometry = false, limit }: { withGeometry?: boolean; limit?: number } = {}
): Promise<ConflictReportWithGeometry & { row_count: number }> {
	await checkFilterExists(db, filter);
	const { rows, rowCount, totals, costAvailable } = await findConflicts(db, view, filter, { withGeometry, limit });
	if (!withGeometry) for (const row of rows) delete (row as Partial<ConflictRowWithGeometry>).geometry;
	if (costAvailable && totals.parcels === 0) totals.cost_rial = 0;
	return { view, filter, rows, row_count: rowCount, totals, cost_available: costAvailable };
}

async function checkFilterExists(db: Queryable, filter: ConflictFilter) {
	if (filter.district === null && filter.street === null) return;
	const { rows } = await sql<{ district: boolean; street: boolean }>`
		select (${filter.district}::int is null or exists (select 1 from districts where id = ${filter.district}::int)) as district,
			(${filter.street}::int is null or exists (select 1 from streets where id = ${filter.street}::int)) as street`.execute(db);
	if (!rows[0].district) {
		throw new NotFoundError('district_not_found', {
			fa: toPersianDigits(`منطقه‌ای با شناسهٔ ${filter.district} نیست.`),
			en: `No district has id ${filter.district}.`
		});
	}
	if (!rows[0].street) {
		throw new NotFoundError('street_not_found', {
			fa: toPersianDigits(`خیابانی با شناسهٔ ${filter.street} نیست.`),
			en: `No street has id ${filter.street}.`
		});
	}
}

/** The districts a planner can filter by, in code order. */
export async function listDistricts(db: Queryable): Promise<DistrictRef[]> {
	const rows = await db.selectFrom('districts').select(['id', 'code', 'name_fa', 'name_en']).execute();
	return rows.sort((a, b) => compareCodes(a.code, b.code));
}

export interface ConflictFile {
	body: string | Uint8Array;
	contentType: string;
	extension: string;
}

/** The report as the asked format: JSON `{rows, totals, ...}`, CSV, GeoJSON or XLSX. */
export async function conflictFile(report: ConflictReportWithGeometry, format: ConflictFormat, lang: Lang): Promise<ConflictFile> {
	switch (format) {
		case 'json':
			return { body: JSON.stringify(report), contentType: 'application/json; charset=utf-8', extension: 'json' };
		case 'csv':
			return { body: conflictsCsv(report, lang), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
		case 'geojson':
			return { body: JSON.stringify(conflictsGeoJson(report)), contentType: 'application/geo+json; charset=utf-8', extension: 'geojson' };
		case 'xlsx':
			return {
				body: await conflictsXlsx(report, lang),
				contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				extension: 'xlsx'
			};
	}
}
