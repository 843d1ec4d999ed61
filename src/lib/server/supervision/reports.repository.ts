import { sql } from 'kysely';
import type { SupervisionStageId, ViolationKind } from '../db/supervision-schema';
import { asGeoJson, lonLatColumns, lonLatToStorage, pointOnSurfaceWgs84, storageGeom, storageSrid, toWgs84 } from '../spatial';
import type { Executor } from './assignments.repository';

/**
 * Where the report's point lies against its parcel, measured in the storage CRS (metres):
 * `within` when inside the parcel or within `toleranceM` of its edge (GPS error, the engineer
 * standing on the pavement). ST_DWithin on one parcel row found by primary key.
 */
export async function pointAgainstParcel(
	db: Executor,
	parcelId: number,
	point: { lon: number; lat: number },
	toleranceM: number
): Promise<{ within: boolean; distanceM: number } | null> {
	const geom = lonLatToStorage(point, await storageSrid(db));
	const { rows } = await sql<{ within: boolean; distance_m: number }>`
		select ST_DWithin(p.geom, ${geom}, ${toleranceM}) as within, ST_Distance(p.geom, ${geom})::float8 as distance_m
		from parcels p where p.id = ${parcelId}`.execute(db);
	return rows[0] ? { within: rows[0].within, distanceM: Number(rows[0].distance_m) } : null;
}

export interface NewReport {
	assignment_id: number;
	permit_case_id: number;
	district_id: number | null;
	engineer_id: number;
	stage: SupervisionStageId;
	reported_on: string;
	body: string;
	progress_pct: number;
	location: { lon: number; lat: number };
	violation: boolean;
	violation_kind: ViolationKind | null;
	violation_text: string | null;
	measured_excess: number | null;
	violation_case_id: number | null;
	created_at: string;
}

export async function insertReport(db: Executor, report: NewReport): Promise<number> {
	const location = lonLatToStorage(report.location, await storageSrid(db));
	const { id } = await db
		.insertInto('supervision_reports')
		.values({ ...report, location })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function linkPhotos(db: Executor, reportId: number, documentIds: number[]): Promise<void> {
	if (documentIds.length === 0) return;
	await db.insertInto('supervision_report_photos').values(documentIds.map((document_id) => ({ report_id: reportId, document_id }))).execute();
}

/**
 * Stages reported on the parcel's supervised permit (its latest assignment's permit case): what
 * certificate eligibility reads. Two index probes: supervision_assignments_parcel_idx, then
 * supervision_reports_case_idx.
 */
export async function supervisionStagesReported(db: Executor, parcelId: number): Promise<string[]> {
	const { rows } = await sql<{ stage: string }>`
		select distinct r.stage from supervision_reports r
		where r.permit_case_id = (
			select a.permit_case_id from supervision_assignments a
			where a.parcel_id = ${parcelId} order by a.assigned_at desc, a.id desc limit 1)`.execute(db);
	return rows.map((r) => r.stage);
}

export interface ReportRow {
	id: number;
	permit_case_id: number;
	tracking_code: string;
	renovation_code: string | null;
	engineer_name: string;
	stage: SupervisionStageId;
	reported_on: string;
	body: string;
	progress_pct: number;
	lon: number;
	lat: number;
	violation: boolean;
	violation_kind: ViolationKind | null;
	violation_text: string | null;
	measured_excess: number | null;
	violation_case_id: number | null;
	violation_tracking_code: string | null;
	created_at: Date;
	photo_ids: number[];
}

function reportsWhere(where: ReturnType<typeof sql>, limit: number) {
	const point = toWgs84(storageGeom('r.location'));
	return sql<ReportRow>`
		select r.id, r.permit_case_id, c.tracking_code, p.renovation_code, u.display_name as engineer_name, r.stage,
		       r.reported_on::text as reported_on, r.body, r.progress_pct, ST_X(${point}) as lon, ST_Y(${point}) as lat,
		       r.violation, r.violation_kind, r.violation_text, r.measured_excess::float8 as measured_excess,
		       r.violation_case_id, v.tracking_code as violation_tracking_code, r.created_at,
		       coalesce((select array_agg(ph.document_id order by ph.document_id) from supervision_report_photos ph where ph.report_id = r.id), '{}') as photo_ids
		from supervision_reports r
		join cases c on c.id = r.permit_case_id
		left join parcels p on p.id = c.parcel_id
		left join cases v on v.id = r.violation_case_id
		join supervising_engineers e on e.id = r.engineer_id
		join users u on u.id = e.user_id
		where ${where}
		order by r.id desc
		limit ${limit}`;
}

export async function reportsOfPermits(db: Executor, permitCaseIds: number[]): Promise<ReportRow[]> {
	if (permitCaseIds.length === 0) return [];
	const { rows } = await reportsWhere(sql`r.permit_case_id in (${sql.join(permitCaseIds)})`, 500).execute(db);
	return rows;
}

/** The latest reports in these districts (null = every district): supervision_reports_district_idx. */
export async function reportsInDistricts(db: Executor, districtIds: number[] | null, limit = 100): Promise<ReportRow[]> {
	const where = districtIds === null ? sql`true` : districtIds.length === 0 ? sql`false` : sql`r.district_id in (${sql.join(districtIds)})`;
	const { rows } = await reportsWhere(where, limit).execute(db);
	return rows;
}

/** A work (permit) an engineer supervises now, with its parcel on the map. */
export interface WorkRow {
	assignment_id: number;
	permit_case_id: number;
	tracking_code: string;
	parcel_id: number;
	renovation_code: string | null;
	address: string | null;
	district_id: number | null;
	floor_area_m2: number;
	assigned_at: Date;
	parcel_lon: number | null;
	parcel_lat: number | null;
	parcel_geometry: { type: string; coordinates: unknown } | null;
}

/** A work as the district officer lists it: with its engineer. */
export interface DistrictWorkRow extends WorkRow {
	engineer_id: number;
	engineer_name: string;
}

/** The engineer's current works (supervision_assignments_engineer_idx), or a district's (…_district_idx, latest 200). */
export async function worksOfEngineer(db: Executor, engineerId: number): Promise<WorkRow[]> {
	return works(db, sql`a.engineer_id = ${engineerId}`, 500);
}

export async function worksInDistricts(db: Executor, districtIds: number[] | null): Promise<DistrictWorkRow[]> {
	const where = districtIds === null ? sql`true` : districtIds.length === 0 ? sql`false` : sql`a.district_id in (${sql.join(districtIds)})`;
	return works(db, where, 200) as Promise<DistrictWorkRow[]>;
}

async function works(db: Executor, where: ReturnType<typeof sql>, limit: number): Promise<WorkRow[]> {
	const { rows } = await sql<WorkRow>`
		select a.engineer_id, u.display_name as engineer_name, a.id as assignment_id, a.permit_case_id, c.tracking_code, a.parcel_id, p.renovation_code, p.address, a.district_id,
		       a.floor_area_m2::float8 as floor_area_m2, a.assigned_at,
		       ${lonLatColumns(pointOnSurfaceWgs84(storageGeom('p.geom')), 'parcel')},
		       ${asGeoJson(toWgs84(storageGeom('p.geom')))} as parcel_geometry
		from supervision_assignments a
		join cases c on c.id = a.permit_case_id
		join supervising_engineers e on e.id = a.engineer_id
		join users u on u.id = e.user_id
		left join parcels p on p.id = a.parcel_id
		where ${where} and a.ended_at is null
		order by a.assigned_at desc, a.id desc
		limit ${limit}`.execute(db);
	return rows;
}

/** A report photo and the report's permit case and district, for the photo route's access check. */
export async function findReportPhoto(db: Executor, documentId: number): Promise<{ document_id: number; permit_case_id: number; district_id: number | null; engineer_user_id: number } | null> {
	const { rows } = await sql<{ document_id: number; permit_case_id: number; district_id: number | null; engineer_user_id: number }>`
		select ph.document_id, r.permit_case_id, r.district_id, e.user_id as engineer_user_id
		from supervision_report_photos ph
		join supervision_reports r on r.id = ph.report_id
		join supervising_engineers e on e.id = r.engineer_id
		where ph.document_id = ${documentId} limit 1`.execute(db);
	return rows[0] ?? null;
}
