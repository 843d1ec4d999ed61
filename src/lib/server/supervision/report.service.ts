import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { checkUpload, storeDocuments, type AnyUploadInput, type CheckedUpload } from '../documents';
import { caseEnv, inTransaction } from '../cases/context';
import { appendEvent } from '../cases/case-events.repository';
import type { CaseContext } from '../cases/types';
import { formatTrackingCode } from '../../domain/tracking-code';
import { tehranDate } from '../../domain/working-days';
import { isSupervisionStage, isViolationKind, stageOf, VIOLATION_KIND_NAMES, type SupervisionStage, type ViolationKind } from '../../domain/supervision';
import { supervisionErrors } from './errors';
import { currentAssignment, findPermitCase } from './assignments.repository';
import { insertReport, linkPhotos, pointAgainstParcel } from './reports.repository';
import { openViolationCase } from './violation.service';

/** Each report photo: JPEG or PNG by content, at most 10 MB (a phone photo is 2–6 MB). */
export const REPORT_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const REPORT_MAX_PHOTOS = 8;
/** How far outside the parcel the report's point may lie: GPS error, the pavement in front. */
export const REPORT_POINT_TOLERANCE_M = 25;
const MAX_TEXT = 4000;

export interface SupervisionReportInput {
	permitCaseId: number;
	stage: string;
	/** The visit's date, ISO `YYYY-MM-DD` (the form converts the Jalali date). */
	reportedOn: string;
	body: string;
	progressPct: number;
	/** Picked on the map, WGS84. */
	location: { lon: number; lat: number } | null;
	violation?: { kind: string; description: string; measuredExcess?: number | null } | null;
	/** In memory, or streamed to disk by the page (`readStreamedForm`). */
	photos: AnyUploadInput[];
}

export interface FiledReport {
	reportId: number;
	violationCaseId: number | null;
	violationTrackingCode: string | null;
}

interface CheckedReport {
	stage: SupervisionStage;
	reportedOn: string;
	body: string;
	progressPct: number;
	location: { lon: number; lat: number };
	violation: { kind: ViolationKind; description: string; measuredExcess: number | null } | null;
	photos: CheckedUpload[];
}

const isLonLat = (p: { lon: number; lat: number } | null): p is { lon: number; lat: number } =>
	p !== null && typeof p === 'object' && Number.isFinite(p.lon) && Number.isFinite(p.lat) && Math.abs(p.lon) <= 180 && Math.abs(p.lat) <= 90;

/** Everything that can be checked without the database, before anything is written. */
function checkInput(input: SupervisionReportInput, now: Date): CheckedReport {
	if (!isSupervisionStage(input.stage)) throw supervisionErrors.stageUnknown(String(input.stage ?? ''));
	const reportedOn = String(input.reportedOn ?? '');
	const parsed = /^\d{4}-\d{2}-\d{2}$/.test(reportedOn) ? new Date(`${reportedOn}T00:00:00Z`) : null;
	if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== reportedOn || reportedOn > tehranDate(now)) {
		throw supervisionErrors.dateInvalid();
	}
	const body = typeof input.body === 'string' ? input.body.trim() : '';
	if (!body || body.length > MAX_TEXT) throw supervisionErrors.bodyRequired();
	if (!Number.isInteger(input.progressPct) || input.progressPct < 0 || input.progressPct > 100) throw supervisionErrors.progressInvalid();
	if (!isLonLat(input.location ?? null)) throw supervisionErrors.locationRequired();
	let violation: CheckedReport['violation'] = null;
	if (input.violation) {
		if (!isViolationKind(input.violation.kind)) throw supervisionErrors.violationKindInvalid();
		const description = typeof input.violation.description === 'string' ? input.violation.description.trim() : '';
		if (!description || description.length > MAX_TEXT) throw supervisionErrors.violationTextRequired();
		const excess = input.violation.measuredExcess ?? null;
		if (excess !== null && !(Number.isFinite(excess) && excess >= 0)) throw supervisionErrors.excessInvalid();
		violation = { kind: input.violation.kind, description, measuredExcess: excess };
	}
	if (!Array.isArray(input.photos) || input.photos.length === 0 || input.photos.length > REPORT_MAX_PHOTOS) throw supervisionErrors.photosRequired(REPORT_MAX_PHOTOS);
	const photos = input.photos.map((photo) => {
		const size = photo && 'staged' in photo ? photo.staged.size : (photo?.bytes?.byteLength ?? 0);
		if (size > REPORT_PHOTO_MAX_BYTES) throw supervisionErrors.photoTooLarge(String(photo.name ?? ''), size, REPORT_PHOTO_MAX_BYTES);
		return checkUpload({ ...photo, kind: 'supervision_photo' });
	});
	return { stage: input.stage, reportedOn, body, progressPct: input.progressPct, location: input.location!, violation, photos };
}

/**
 * The assigned engineer files a stage report on their work: checked (stage, date, text, progress,
 * images only and size-limited, the point inside or near the parcel in PostGIS), then in ONE
 * transaction the report, its photos (documents of the permit case, bytes on disk), the permit's
 * timeline entry and, when it records a violation, the violation case for the Article 100
 * commission with the report and photos attached. Anyone but the work's current engineer gets the
 * same 404 as for a work that does not exist.
 */
export async function fileSupervisionReport(db: Kysely<DB>, actor: SessionUser, input: SupervisionReportInput, ctx: CaseContext = {}): Promise<FiledReport> {
	const env = await caseEnv(db, ctx);
	if (!actor.roles.some((g) => g.role === 'supervising_engineer')) throw supervisionErrors.workNotFound();
	if (!Number.isSafeInteger(input?.permitCaseId) || input.permitCaseId <= 0) throw supervisionErrors.workNotFound();
	const report = checkInput(input, env.now);

	const filed = await inTransaction(db, env, async (trx) => {
		const assignment = await currentAssignment(trx, input.permitCaseId, { forUpdate: true });
		if (!assignment || assignment.engineer_user_id !== actor.id) throw supervisionErrors.workNotFound();
		if (report.reportedOn < tehranDate(new Date(assignment.assigned_at))) throw supervisionErrors.dateBeforeAssignment();
		const permit = (await findPermitCase(trx, input.permitCaseId))!;
		const where = await pointAgainstParcel(trx, permit.parcel_id, report.location, REPORT_POINT_TOLERANCE_M);
		if (!where) throw supervisionErrors.parcelGone();
		if (!where.within) throw supervisionErrors.locationOutsideParcel(where.distanceM, REPORT_POINT_TOLERANCE_M);

		const violation = report.violation ? await openViolationCase(trx, env, permit, actor.id) : null;
		const reportId = await insertReport(trx, {
			assignment_id: assignment.id,
			permit_case_id: permit.id,
			district_id: permit.district_id,
			engineer_id: assignment.engineer_id,
			stage: report.stage,
			reported_on: report.reportedOn,
			body: report.body,
			progress_pct: report.progressPct,
			location: report.location,
			violation: report.violation !== null,
			violation_kind: report.violation?.kind ?? null,
			violation_text: report.violation?.description ?? null,
			measured_excess: report.violation?.measuredExcess ?? null,
			violation_case_id: violation?.caseId ?? null,
			created_at: env.now.toISOString()
		});
		const photos = await storeDocuments(trx, env.files, permit.id, actor.id, report.photos);
		await linkPhotos(trx, reportId, photos.map((d) => d.id));
		const stage = stageOf(report.stage);
		await appendEvent(trx, {
			case_id: permit.id,
			at: env.now.toISOString(),
			actor_user_id: actor.id,
			actor_role: 'supervising_engineer',
			action: 'supervision_report',
			from_step: permit.current_step,
			to_step: permit.current_step,
			status: permit.workflow_status,
			due_on: null,
			text: `${stage.name.fa} (${report.progressPct}٪): ${report.body}`,
			details: { reportId, stage: report.stage, violation: report.violation !== null, violationCaseId: violation?.caseId ?? null, documentIds: photos.map((d) => d.id) },
			ip: env.ip
		});
		if (violation && report.violation) {
			const copies = await storeDocuments(trx, env.files, violation.caseId, actor.id, report.photos);
			const kind = VIOLATION_KIND_NAMES[report.violation.kind].name.fa;
			await violation.recordFiling(`${kind} — ${report.violation.description}`, {
				permitCaseId: permit.id,
				supervisionReportId: reportId,
				stage: report.stage,
				violationKind: report.violation.kind,
				measuredExcess: report.violation.measuredExcess,
				documentIds: copies.map((d) => d.id)
			});
		}
		return { reportId, violation, permit };
	});

	if (filed.violation?.ownerId) {
		const code = formatTrackingCode(filed.violation.trackingCode);
		await env.notify(filed.violation.ownerId, `پلاک | مهندس ناظر برای ساختمان شما تخلف گزارش کرد؛ پرونده تخلف ${code} به کمیسیون ماده ۱۰۰ می‌رود.`);
	}
	return { reportId: filed.reportId, violationCaseId: filed.violation?.caseId ?? null, violationTrackingCode: filed.violation?.trackingCode ?? null };
}
