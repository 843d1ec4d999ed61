import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { EngineerGrade } from '../db/supervision-schema';

export type Executor = Kysely<DB> | Transaction<DB>;

/** Any number: one assignment at a time walks the rotation, so two permits never take the same last quota. */
const ROTATION_LOCK = 746_352_085;

export async function lockRotation(trx: Transaction<DB>): Promise<void> {
	await sql`select pg_advisory_xact_lock(${ROTATION_LOCK})`.execute(trx);
}

/** The permit case as supervision reads it. */
export interface PermitCaseRow {
	id: number;
	parcel_id: number;
	district_id: number | null;
	kind: string;
	request_type: string | null;
	issued: string | null;
	applicant_user_id: number | null;
	current_step: string | null;
	workflow_status: string | null;
	tracking_code: string;
}

export async function findPermitCase(db: Executor, caseId: number): Promise<PermitCaseRow | null> {
	const { rows } = await sql<PermitCaseRow>`
		select c.id, c.parcel_id, coalesce(c.district_id, p.district_id) as district_id, c.kind, c.request_type, c.issued,
		       c.applicant_user_id, c.current_step, c.workflow_status, c.tracking_code
		from cases c left join parcels p on p.id = c.parcel_id
		where c.id = ${caseId}`.execute(db);
	return rows[0] ?? null;
}

/** The floor area recorded as permitted on the parcel's buildings: the quota's default measure of a work. */
export async function permittedFloorArea(db: Executor, parcelId: number): Promise<number> {
	const { rows } = await sql<{ area: number | null }>`
		select sum(permitted_floor_area_m2)::float8 as area from buildings where parcel_id = ${parcelId}`.execute(db);
	return Number(rows[0]?.area ?? 0);
}

/** An engineer of the pool with what they have used of this year's quota, in rotation order. */
export interface EngineerQuotaRow {
	id: number;
	user_id: number;
	display_name: string;
	licence_no: string;
	grade: EngineerGrade;
	active: boolean;
	yearly_area_quota_m2: number | null;
	yearly_work_quota: number | null;
	max_work_area_m2: number | null;
	used_area_m2: number;
	used_works: number;
}

/**
 * The pool in rotation order (whose latest assignment is oldest, or who has none, first) with the
 * quota each has used in `year`. One index probe per engineer (supervision_assignments_engineer_idx);
 * a city's pool is hundreds, not millions.
 */
export async function engineersInRotation(db: Executor, year: number, options: { engineerId?: number } = {}): Promise<EngineerQuotaRow[]> {
	const only = options.engineerId === undefined ? sql`e.active` : sql`e.id = ${options.engineerId}`;
	const { rows } = await sql<EngineerQuotaRow>`
		${poolWithQuotaUsed(year)}
		where ${only}
		order by e.last_assignment_id nulls first, e.id`.execute(db);
	return rows;
}

/**
 * The next engineer in rotation who can take a work of `areaM2` this `year`: walks the rotation
 * index and stops at the first whose grade and remaining quota fit (the same rule as `fitsQuota`).
 */
export async function nextInRotation(db: Executor, year: number, areaM2: number, excludeId: number | null = null): Promise<EngineerQuotaRow | null> {
	const { rows } = await sql<EngineerQuotaRow>`
		${poolWithQuotaUsed(year)}
		where e.active and u.active and e.id is distinct from ${excludeId}::bigint
		  and (e.max_work_area_m2 is null or ${areaM2}::numeric <= e.max_work_area_m2)
		  and (e.yearly_area_quota_m2 is null or coalesce(q.area, 0) + ${areaM2}::numeric <= e.yearly_area_quota_m2)
		  and (e.yearly_work_quota is null or coalesce(q.works, 0) + 1 <= e.yearly_work_quota)
		order by e.last_assignment_id nulls first, e.id
		limit 1`.execute(db);
	return rows[0] ?? null;
}

/**
 * The pool's engineers (`e`, their account `u`) with the floor area and works of `year` still
 * assigned to each (`q`: assignments that have not ended, finished works included).
 */
function poolWithQuotaUsed(year: number) {
	return sql`
		select e.id, e.user_id, u.display_name, e.licence_no, e.grade, e.active and u.active as active,
		       e.yearly_area_quota_m2::float8 as yearly_area_quota_m2, e.yearly_work_quota,
		       e.max_work_area_m2::float8 as max_work_area_m2,
		       coalesce(q.area, 0)::float8 as used_area_m2, coalesce(q.works, 0)::int as used_works
		from supervising_engineers e
		join users u on u.id = e.user_id
		left join lateral (
			select sum(a.floor_area_m2) as area, count(*) as works from supervision_assignments a
			where a.engineer_id = e.id and a.quota_year = ${year} and a.ended_at is null
		) q on true`;
}

export async function findEngineerByUser(db: Executor, userId: number): Promise<{ id: number } | null> {
	return (await db.selectFrom('supervising_engineers').select('id').where('user_id', '=', userId).executeTakeFirst()) ?? null;
}

export interface AssignmentRow {
	id: number;
	permit_case_id: number;
	parcel_id: number;
	district_id: number | null;
	engineer_id: number;
	engineer_user_id: number;
	engineer_name: string;
	licence_no: string;
	grade: EngineerGrade;
	quota_year: number;
	floor_area_m2: number;
	assigned_at: Date;
	assigned_by: number | null;
	reason: string | null;
}

const ASSIGNMENT_COLUMNS = sql`a.id, a.permit_case_id, a.parcel_id, a.district_id, a.engineer_id, e.user_id as engineer_user_id,
	u.display_name as engineer_name, e.licence_no, e.grade, a.quota_year, a.floor_area_m2::float8 as floor_area_m2,
	a.assigned_at, a.assigned_by, a.reason`;

/** The permit's current assignment (locked with `forUpdate`, so a reassignment and a report never cross). */
export async function currentAssignment(db: Executor, permitCaseId: number, options: { forUpdate?: boolean } = {}): Promise<AssignmentRow | null> {
	const lock = options.forUpdate ? sql`for update of a` : sql``;
	const { rows } = await sql<AssignmentRow>`
		select ${ASSIGNMENT_COLUMNS}
		from supervision_assignments a
		join supervising_engineers e on e.id = a.engineer_id
		join users u on u.id = e.user_id
		where a.permit_case_id = ${permitCaseId} and a.ended_at is null ${lock}`.execute(db);
	return rows[0] ?? null;
}

export async function insertAssignment(
	db: Executor,
	row: { permit_case_id: number; parcel_id: number; district_id: number | null; engineer_id: number; quota_year: number; floor_area_m2: number; assigned_at: string; assigned_by: number | null; reason: string | null }
): Promise<number> {
	const { id } = await db.insertInto('supervision_assignments').values(row).returning('id').executeTakeFirstOrThrow();
	await db.updateTable('supervising_engineers').set({ last_assignment_id: id }).where('id', '=', row.engineer_id).execute();
	return id;
}

export async function endAssignment(db: Executor, id: number, at: string, reason: string): Promise<void> {
	await db.updateTable('supervision_assignments').set({ ended_at: at, end_reason: reason }).where('id', '=', id).where('ended_at', 'is', null).execute();
}

export async function insertEngineer(
	db: Executor,
	row: { user_id: number; licence_no: string; grade: EngineerGrade; yearly_area_quota_m2: number | null; yearly_work_quota: number | null; max_work_area_m2: number | null }
): Promise<number> {
	const { id } = await db.insertInto('supervising_engineers').values(row).returning('id').executeTakeFirstOrThrow();
	return id;
}

/**
 * The user id of the engineer supervising the parcel's works: the current assignment of its newest
 * supervised permit (the permit a certificate on the parcel rests on). `parcelId` is an SQL
 * expression, so a cartable can ask it per row; null when no engineer is assigned.
 */
export const parcelEngineerUserSql = (parcelId: RawBuilder<unknown> | number) => sql<number | null>`(
	select e.user_id from supervision_assignments a join supervising_engineers e on e.id = a.engineer_id
	where a.parcel_id = ${parcelId} and a.ended_at is null
	order by a.assigned_at desc, a.id desc limit 1)`;

export async function parcelEngineerUserId(db: Executor, parcelId: number): Promise<number | null> {
	const { rows } = await sql<{ user_id: number | null }>`select ${parcelEngineerUserSql(parcelId)} as user_id`.execute(db);
	return rows[0]?.user_id === null || rows[0]?.user_id === undefined ? null : Number(rows[0].user_id);
}

/**
 * A reassignment hands the parcel's open engineer steps back: the steps the previous engineer had
 * claimed become unclaimed, for the new engineer's cartable. Returns the cases released.
 */
export async function releaseEngineerClaims(db: Executor, parcelId: number, previousUserId: number) {
	return db
		.updateTable('cases')
		.set({ assigned_user_id: null })
		.where('parcel_id', '=', parcelId)
		.where('workflow_status', '=', 'in_progress')
		// an engineer holds no other step, so whatever they have claimed on the parcel is an engineer step
		// (also while it waits on the owner's correction)
		.where('assigned_user_id', '=', previousUserId)
		.returning(['id', 'current_step', 'workflow_status', 'due_on'])
		.execute();
}
