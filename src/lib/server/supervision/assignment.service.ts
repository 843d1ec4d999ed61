import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { BUILDING_PERMIT_TYPES } from '../workflows/definitions/common';
import { fitsQuota, GRADE_QUOTAS, type EngineerGrade } from '../../domain/supervision';
import { tehranDate } from '../../domain/working-days';
import { toJalali } from '../../domain/jalali';
import { appendEvent } from '../cases/case-events.repository';
import { supervisionErrors } from './errors';
import { reassignedTextEn, rotationAssignedText } from './assignment-text';
import { systemLine } from '../workflows/automation';
import {
	currentAssignment,
	endAssignment,
	engineersInRotation,
	findPermitCase,
	insertAssignment,
	insertEngineer,
	lockRotation,
	nextInRotation,
	permittedFloorArea,
	releaseEngineerClaims,
	type AssignmentRow,
	type EngineerQuotaRow,
	type Executor,
	type PermitCaseRow
} from './assignments.repository';

/** What an issued permit case is: a workflow permit (issued or being issued) or a legacy permit record. */
const PERMIT_ISSUES = new Set(['building_permit', 'demolition_permit']);
function isPermit(c: PermitCaseRow): boolean {
	return (c.issued !== null && PERMIT_ISSUES.has(c.issued)) || (c.request_type !== null && BUILDING_PERMIT_TYPES.includes(c.request_type)) || (c.request_type === null && c.kind === 'building_permit');
}

/** The Jalali year whose quota a work assigned at `now` counts against. */
export function quotaYearAt(now: Date): number {
	return toJalali(tehranDate(now)).year;
}

function inTransaction<T>(db: Executor, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
	return db.isTransaction ? fn(db as Transaction<DB>) : (db as Kysely<DB>).transaction().execute(fn);
}

const quotaOf = (e: EngineerQuotaRow) => ({
	areaQuotaM2: e.yearly_area_quota_m2,
	workQuota: e.yearly_work_quota,
	maxWorkAreaM2: e.max_work_area_m2,
	usedAreaM2: e.used_area_m2,
	usedWorks: e.used_works
});

async function recordOnCase(trx: Transaction<DB>, permit: PermitCaseRow, entry: { at: Date; actorId: number | null; role: string; text: string; details: Record<string, unknown> }) {
	await appendEvent(trx, {
		case_id: permit.id,
		at: entry.at.toISOString(),
		actor_user_id: entry.actorId,
		actor_role: entry.role,
		action: 'supervisor_assigned',
		from_step: permit.current_step,
		to_step: permit.current_step,
		status: permit.workflow_status,
		due_on: null,
		text: entry.text,
		details: entry.details,
		ip: null
	});
}

export interface AssignOptions {
	/** The permitted floor area (m²) the work counts for; by default the parcel's buildings' permitted floor area. */
	floorAreaM2?: number;
	now?: Date;
}

/**
 * Assigns the supervising engineer of an issued permit from the pool, by rotation with the quota
 * respected: the engineer whose latest assignment is oldest and whose yearly quota (floor area and
 * number of works) and grade still take this work. The owner does not choose (Qom's practice).
 * Idempotent: a permit that has an engineer keeps them. Runs in the caller's transaction when given
 * one (the permit-issued point), else in its own; records the assignment on the case's timeline.
 * @throws ConflictError `not_a_building_permit`, `no_engineer_with_quota`; NotFoundError for no case
 */
export async function assignSupervisingEngineer(db: Executor, permitCaseId: number, options: AssignOptions = {}): Promise<AssignmentRow> {
	const now = options.now ?? new Date();
	if (options.floorAreaM2 !== undefined && !(Number.isFinite(options.floorAreaM2) && options.floorAreaM2 >= 0)) throw supervisionErrors.floorAreaInvalid();
	return inTransaction(db, async (trx) => {
		const permit = await findPermitCase(trx, permitCaseId);
		if (!permit) throw supervisionErrors.permitNotFound();
		if (!isPermit(permit)) throw supervisionErrors.notAPermit();
		await lockRotation(trx);
		const existing = await currentAssignment(trx, permit.id);
		if (existing) return existing;
		const area = options.floorAreaM2 ?? (await permittedFloorArea(trx, permit.parcel_id));
		const year = quotaYearAt(now);
		const engineer = await nextInRotation(trx, year, area);
		if (!engineer) throw supervisionErrors.noEngineerWithQuota(area);
		await insertAssignment(trx, {
			permit_case_id: permit.id,
			parcel_id: permit.parcel_id,
			district_id: permit.district_id,
			engineer_id: engineer.id,
			quota_year: year,
			floor_area_m2: area,
			assigned_at: now.toISOString(),
			assigned_by: null,
			reason: null
		});
		await recordOnCase(trx, permit, {
			at: now,
			actorId: null,
			role: 'system',
			text: systemLine(rotationAssignedText(engineer.display_name, engineer.licence_no)),
			details: { engineerId: engineer.id, engineerUserId: engineer.user_id, floorAreaM2: area, quotaYear: year, automatic: true }
		});
		return (await currentAssignment(trx, permit.id))!;
	});
}

export interface ReassignInput {
	/** A chosen engineer; without one, the next in rotation with quota (other than the current one). */
	engineerId?: number;
	reason: string;
}

/**
 * A district officer of the parcel's district replaces the supervising engineer, with a reason
 * (kept on the assignment and the case timeline). The current assignment ends and its quota is
 * released; the new engineer must have quota for the work.
 */
export async function reassignSupervisingEngineer(db: Kysely<DB>, actor: SessionUser, permitCaseId: number, input: ReassignInput, options: { now?: Date } = {}): Promise<AssignmentRow> {
	const now = options.now ?? new Date();
	const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
	if (!reason || reason.length > 1000) throw supervisionErrors.reasonRequired();
	return db.transaction().execute(async (trx) => {
		const permit = await findPermitCase(trx, permitCaseId);
		if (!permit) throw supervisionErrors.permitNotFound();
		const officer = actor.roles.some((g) => (g.role === 'district_officer' && (g.districtId === null || g.districtId === permit.district_id)) || g.role === 'admin');
		if (!officer) throw supervisionErrors.officerOnly();
		await lockRotation(trx);
		const current = await currentAssignment(trx, permit.id, { forUpdate: true });
		if (!current) throw supervisionErrors.notAssigned();
		const year = quotaYearAt(now);
		let engineer: EngineerQuotaRow | undefined;
		if (input.engineerId !== undefined) {
			[engineer] = await engineersInRotation(trx, year, { engineerId: input.engineerId });
			if (!engineer) throw supervisionErrors.engineerNotFound();
			if (engineer.id === current.engineer_id) throw supervisionErrors.sameEngineer();
			if (!engineer.active) throw supervisionErrors.engineerInactive();
			if (!fitsQuota(quotaOf(engineer), current.floor_area_m2)) throw supervisionErrors.engineerOverQuota();
		} else {
			engineer = (await nextInRotation(trx, year, current.floor_area_m2, current.engineer_id)) ?? undefined;
			if (!engineer) throw supervisionErrors.noEngineerWithQuota(current.floor_area_m2);
		}
		await endAssignment(trx, current.id, now.toISOString(), reason);
		await insertAssignment(trx, {
			permit_case_id: permit.id,
			parcel_id: permit.parcel_id,
			district_id: permit.district_id,
			engineer_id: engineer.id,
			quota_year: year,
			floor_area_m2: current.floor_area_m2,
			assigned_at: now.toISOString(),
			assigned_by: actor.id,
			reason
		});
		await recordOnCase(trx, permit, {
			at: now,
			actorId: actor.id,
			role: 'district_officer',
			text: `مهندس ناظر تغییر کرد: ${current.engineer_name} ← ${engineer.display_name}. دلیل: ${reason}`,
			// the timeline shows an officer's line as written, or `reason_en` to an English reader
			details: {
				engineerId: engineer.id,
				engineerUserId: engineer.user_id,
				previousEngineerId: current.engineer_id,
				automatic: false,
				reason_en: reassignedTextEn(current.engineer_name, engineer.display_name, reason)
			}
		});
		// The previous engineer's claimed certificate steps on this building go back unclaimed, to the new engineer.
		for (const released of await releaseEngineerClaims(trx, permit.parcel_id, current.engineer_user_id)) {
			await appendEvent(trx, {
				case_id: released.id,
				at: now.toISOString(),
				actor_user_id: actor.id,
				actor_role: 'district_officer',
				action: 'assign',
				from_step: released.current_step,
				to_step: released.current_step,
				status: released.workflow_status,
				due_on: released.due_on,
				text: `مهندس ناظر ساختمان تغییر کرد؛ این مرحله به کارتابل مهندس ناظر جدید (${engineer.display_name}) رفت.`,
				details: { assigneeId: null, previousAssigneeId: current.engineer_user_id, supervisorReassigned: true },
				ip: null
			});
		}
		return (await currentAssignment(trx, permit.id))!;
	});
}

/** Adds an engineer to the pool with their grade's default quota unless given (admin tooling, sample data, tests). */
export async function addSupervisingEngineer(
	db: Executor,
	input: { userId: number; licenceNo: string; grade: EngineerGrade; areaQuotaM2?: number | null; workQuota?: number | null; maxWorkAreaM2?: number | null }
): Promise<number> {
	const defaults = GRADE_QUOTAS[input.grade];
	return insertEngineer(db, {
		user_id: input.userId,
		licence_no: input.licenceNo,
		grade: input.grade,
		yearly_area_quota_m2: input.areaQuotaM2 === undefined ? defaults.areaM2 : input.areaQuotaM2,
		yearly_work_quota: input.workQuota === undefined ? defaults.works : input.workQuota,
		max_work_area_m2: input.maxWorkAreaM2 === undefined ? defaults.maxWorkAreaM2 : input.maxWorkAreaM2
	});
}
