import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { defaultFileStore, type FileStore } from '../documents';
import { findDocument } from '../documents/document.repository';
import { COMPLETION_STAGES, SUPERVISION_STAGES, type SupervisionStage, type ViolationKind } from '../../domain/supervision';
import { supervisionErrors } from './errors';
import { engineersInRotation, findEngineerByUser } from './assignments.repository';
import { quotaYearAt } from './assignment.service';
import { findReportPhoto, reportsInDistricts, reportsOfPermits, worksInDistricts, worksOfEngineer, type ReportRow, type WorkRow } from './reports.repository';

export interface ReportView {
	id: number;
	permitCaseId: number;
	trackingCode: string;
	renovationCode: string | null;
	engineerName: string;
	stage: SupervisionStage;
	reportedOn: string;
	body: string;
	progressPct: number;
	lon: number;
	lat: number;
	violation: { kind: ViolationKind; text: string; measuredExcess: number | null; caseId: number; trackingCode: string | null } | null;
	photoIds: number[];
}

export interface WorkView {
	permitCaseId: number;
	trackingCode: string;
	parcelId: number;
	renovationCode: string | null;
	address: string | null;
	floorAreaM2: number;
	assignedAt: string;
	engineerName: string | null;
	point: { lon: number; lat: number } | null;
	geometry: { type: string; coordinates: unknown } | null;
	stagesDone: SupervisionStage[];
	/** Mandatory stages with no report yet, in order. */
	stagesPending: SupervisionStage[];
	openViolations: number;
	reports: ReportView[];
}

export interface SupervisionPage {
	role: 'engineer' | 'officer';
	works: WorkView[];
	/** The district's latest reports (officers); the engineer reads theirs under each work. */
	reports: ReportView[];
	quota: { year: number; areaQuotaM2: number | null; usedAreaM2: number; workQuota: number | null; usedWorks: number } | null;
	/** Officers choose a replacement from the pool. */
	engineers: { id: number; name: string; grade: string }[];
}

function reportView(r: ReportRow): ReportView {
	return {
		id: r.id,
		permitCaseId: r.permit_case_id,
		trackingCode: r.tracking_code,
		renovationCode: r.renovation_code,
		engineerName: r.engineer_name,
		stage: r.stage,
		reportedOn: r.reported_on,
		body: r.body,
		progressPct: r.progress_pct,
		lon: Number(r.lon),
		lat: Number(r.lat),
		violation: r.violation
			? { kind: r.violation_kind!, text: r.violation_text ?? '', measuredExcess: r.measured_excess, caseId: r.violation_case_id!, trackingCode: r.violation_tracking_code }
			: null,
		photoIds: (r.photo_ids ?? []).map(Number)
	};
}

function workView(w: WorkRow & { engineer_name?: string }, reports: ReportView[], openViolationCases: Set<number>): WorkView {
	const mine = reports.filter((r) => r.permitCaseId === w.permit_case_id);
	const done = new Set(mine.map((r) => r.stage));
	return {
		permitCaseId: w.permit_case_id,
		trackingCode: w.tracking_code,
		parcelId: w.parcel_id,
		renovationCode: w.renovation_code,
		address: w.address,
		floorAreaM2: w.floor_area_m2,
		assignedAt: new Date(w.assigned_at).toISOString(),
		engineerName: w.engineer_name ?? null,
		point: w.parcel_lon === null || w.parcel_lat === null ? null : { lon: Number(w.parcel_lon), lat: Number(w.parcel_lat) },
		geometry: w.parcel_geometry,
		stagesDone: SUPERVISION_STAGES.filter((s) => done.has(s.id)).map((s) => s.id),
		stagesPending: COMPLETION_STAGES.filter((s) => !done.has(s)),
		openViolations: mine.filter((r) => r.violation && openViolationCases.has(r.violation.caseId)).length,
		reports: mine
	};
}

async function openCases(db: Kysely<DB>, ids: number[]): Promise<Set<number>> {
	if (ids.length === 0) return new Set();
	const rows = await db.selectFrom('cases').select('id').where('id', 'in', ids).where('status', '=', 'open').execute();
	return new Set(rows.map((r) => r.id));
}

const isEngineer = (u: SessionUser) => u.roles.some((g) => g.role === 'supervising_engineer');
/** Districts whose supervision an officer reads: their grants (null = every district, for admins, planners and city-wide grants). */
function officerDistricts(u: SessionUser): number[] | null | 'none' {
	if (u.roles.some((g) => g.role === 'admin' || g.role === 'planner')) return null;
	const grants = u.roles.filter((g) => g.role === 'district_officer');
	if (grants.length === 0) return 'none';
	return grants.some((g) => g.districtId === null) ? null : grants.map((g) => g.districtId!);
}

/**
 * /supervision: a supervising engineer sees their works (map and list), each with the stages done
 * and pending and their reports; a district officer the works and latest reports of their district.
 */
export async function supervisionPage(db: Kysely<DB>, user: SessionUser, now = new Date()): Promise<SupervisionPage> {
	if (isEngineer(user)) {
		const engineer = await findEngineerByUser(db, user.id);
		if (!engineer) return { role: 'engineer', works: [], reports: [], quota: null, engineers: [] };
		const rows = await worksOfEngineer(db, engineer.id);
		const reports = (await reportsOfPermits(db, rows.map((w) => w.permit_case_id))).map(reportView);
		const open = await openCases(db, reports.flatMap((r) => (r.violation ? [r.violation.caseId] : [])));
		const year = quotaYearAt(now);
		const [use] = await engineersInRotation(db, year, { engineerId: engineer.id });
		return {
			role: 'engineer',
			works: rows.map((w) => workView(w, reports, open)),
			reports: [],
			quota: use ? { year, areaQuotaM2: use.yearly_area_quota_m2, usedAreaM2: use.used_area_m2, workQuota: use.yearly_work_quota, usedWorks: use.used_works } : null,
			engineers: []
		};
	}
	const districts = officerDistricts(user);
	if (districts === 'none') throw supervisionErrors.supervisionStaffOnly();
	const rows = await worksInDistricts(db, districts);
	const permitReports = (await reportsOfPermits(db, rows.map((w) => w.permit_case_id))).map(reportView);
	const open = await openCases(db, permitReports.flatMap((r) => (r.violation ? [r.violation.caseId] : [])));
	const latest = (await reportsInDistricts(db, districts, 50)).map(reportView);
	const pool = await engineersInRotation(db, quotaYearAt(now));
	return {
		role: 'officer',
		works: rows.map((w) => workView(w, permitReports, open)),
		reports: latest,
		quota: null,
		engineers: pool.map((e) => ({ id: e.id, name: e.display_name, grade: e.grade }))
	};
}

/** A report photo for the work's engineer, or an officer of its district (admins and planners city-wide); 404 otherwise. */
export async function readReportPhoto(db: Kysely<DB>, user: SessionUser, documentId: number, files: FileStore = defaultFileStore()): Promise<{ bytes: Buffer; mediaType: string; name: string }> {
	if (!Number.isSafeInteger(documentId) || documentId <= 0) throw supervisionErrors.photoNotFound();
	const photo = await findReportPhoto(db, documentId);
	if (!photo) throw supervisionErrors.photoNotFound();
	const districts = officerDistricts(user);
	const allowed =
		photo.engineer_user_id === user.id ||
		districts === null ||
		(districts !== 'none' && photo.district_id !== null && districts.includes(photo.district_id));
	if (!allowed) throw supervisionErrors.photoNotFound();
	const row = await findDocument(db, documentId);
	if (!row) throw supervisionErrors.photoNotFound();
	return { bytes: await files.get(row.storage_key, row.sha256), mediaType: row.media_type, name: row.original_name };
}
