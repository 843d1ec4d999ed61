/**
 * The SQL of an excavation work's life: the row a step locks and moves, its audit events,
 * referrals and inspections. Only this file (and the cartable's) touches these tables.
 */
import { sql } from 'kysely';
import type { ExcavationCategory, ExcavationPurpose, ExcavationStatus } from '../../domain/excavation/works';
import type { WorksInbox } from '../../domain/excavation/lifecycle';
import type { AgencyKind } from '../../domain/roles';
import type { Bilingual } from '../../i18n/lang';
import type { Queryable } from './footprint.repository';
import type { Referral } from '../../api/excavation';

export interface WorkRow {
	id: number;
	reference: string;
	organisation_id: number;
	organisation_code: string;
	organisation_name_fa: string;
	organisation_name_en: string | null;
	applicant_user_id: number | null;
	purpose: ExcavationPurpose;
	category: ExcavationCategory;
	emergency: boolean;
	status: ExcavationStatus;
	start: string;
	end: string;
	description: string | null;
	area_m2: number;
	length_m: number;
	shared_trench_of: number | null;
	holder: WorksInbox | null;
	due_on: string | null;
	check_result: unknown;
	conditions: unknown;
	reviewed_at: Date | null;
	regularise_by: string | null;
	assessment_id: number | null;
	permit_document_id: number | null;
	deposit_rial: number | null;
	deposit_released_at: Date | null;
	remedial_due_on: string | null;
	created_at: Date;
	pending_referrals: number;
}

/** One work with what its steps read; `forUpdate` locks it for the step's transaction. */
export async function findWork(db: Queryable, id: number, { forUpdate = false } = {}): Promise<WorkRow | null> {
	const { rows } = await sql<WorkRow>`
		select w.id, w.reference, w.organisation_id, o.code as organisation_code, o.name_fa as organisation_name_fa,
			o.name_en as organisation_name_en, w.applicant_user_id, w.purpose, w.category, w.emergency, w.status,
			w.starts_on::text as start, w.ends_on::text as "end", w.description, w.area_m2, w.length_m, w.shared_trench_of,
			w.holder, w.due_on::text as due_on, w.check_result, w.conditions, w.reviewed_at, w.regularise_by::text as regularise_by,
			w.assessment_id, w.permit_document_id, w.deposit_rial::float8 as deposit_rial, w.deposit_released_at,
			w.remedial_due_on::text as remedial_due_on, w.created_at,
			(select count(*)::int from excavation_referrals r where r.work_id = w.id and r.status = 'pending') as pending_referrals
		from excavation_works w join organisations o on o.id = w.organisation_id
		where w.id = ${id}::bigint
		${forUpdate ? sql`for update of w` : sql``}`.execute(db);
	return rows[0] ?? null;
}

export interface WorkUpdate {
	status: ExcavationStatus;
	holder: WorksInbox | null;
	due_on: string | null;
	reviewed_at?: Date;
	reviewed_by?: number;
	conditions?: unknown[];
	assessment_id?: number | null;
	permit_document_id?: number;
	deposit_rial?: number;
	deposit_released_at?: Date;
	remedial_due_on?: string | null;
	started_at?: Date;
	completed_at?: Date;
	closed_at?: Date;
}

/** Moves a work to its next state; only if it is still in `from` (the lock makes that certain). */
export async function updateWork(db: Queryable, id: number, from: ExcavationStatus, update: WorkUpdate, now: Date): Promise<void> {
	const { conditions, ...rest } = update;
	const result = await db
		.updateTable('excavation_works')
		.set({ ...rest, ...(conditions ? { conditions: JSON.stringify(conditions) } : {}), updated_at: now })
		.where('id', '=', id)
		.where('status', '=', from)
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) !== 1) throw new Error(`excavation work ${id} was not in status ${from}`);
}

export interface NewEvent {
	work_id: number;
	at: Date;
	actor_user_id: number | null;
	actor: string;
	action: string;
	from_status: ExcavationStatus | null;
	to_status: ExcavationStatus;
	note?: string | null;
	details?: Record<string, unknown>;
}

export async function insertEvent(db: Queryable, e: NewEvent): Promise<void> {
	await db
		.insertInto('excavation_work_events')
		.values({ ...e, note: e.note ?? null, details: JSON.stringify(e.details ?? {}) })
		.execute();
}

export interface EventRow {
	id: number;
	at: Date;
	actor: string;
	actor_name: string | null;
	action: string;
	from_status: string | null;
	to_status: string;
	note: string | null;
	details: Record<string, unknown>;
}

export async function listEvents(db: Queryable, workId: number): Promise<EventRow[]> {
	const { rows } = await sql<EventRow>`
		select e.id, e.at, e.actor, u.display_name as actor_name, e.action, e.from_status, e.to_status, e.note, e.details
		from excavation_work_events e left join users u on u.id = e.actor_user_id
		where e.work_id = ${workId}::bigint
		order by e.id`.execute(db);
	return rows;
}

/** The referrals a check named (`check.referrals`), each pending with its agency. */
export async function insertReferrals(db: Queryable, workId: number, referrals: readonly Referral[]): Promise<void> {
	if (referrals.length === 0) return;
	await db
		.insertInto('excavation_referrals')
		.values(referrals.map((r) => ({ work_id: workId, agency_kind: r.agency_kind, overlay_id: r.overlay.id, reason: JSON.stringify(r.reason) })))
		.execute();
}

export interface ReferralRow {
	id: number;
	agency_kind: AgencyKind;
	reason: Bilingual;
	status: 'pending' | 'consented' | 'objected';
	answered_at: Date | null;
	answer_note: string | null;
}

export async function listReferrals(db: Queryable, workId: number): Promise<ReferralRow[]> {
	return db
		.selectFrom('excavation_referrals')
		.select(['id', 'agency_kind', 'reason', 'status', 'answered_at', 'answer_note'])
		.where('work_id', '=', workId)
		.orderBy('id')
		.execute() as Promise<ReferralRow[]>;
}

/** One referral of this work (any status), or undefined. */
export async function findReferral(db: Queryable, workId: number, referralId: number): Promise<Pick<ReferralRow, 'id' | 'agency_kind' | 'status'> | undefined> {
	return db
		.selectFrom('excavation_referrals')
		.select(['id', 'agency_kind', 'status'])
		.where('id', '=', referralId)
		.where('work_id', '=', workId)
		.executeTakeFirst() as Promise<Pick<ReferralRow, 'id' | 'agency_kind' | 'status'> | undefined>;
}

/** The referrals of this work still waiting for one of these agencies. */
export async function pendingReferralsFor(db: Queryable, workId: number, kinds: readonly AgencyKind[]): Promise<ReferralRow[]> {
	if (kinds.length === 0) return [];
	return db
		.selectFrom('excavation_referrals')
		.select(['id', 'agency_kind', 'reason', 'status', 'answered_at', 'answer_note'])
		.where('work_id', '=', workId)
		.where('status', '=', 'pending')
		.where('agency_kind', 'in', [...kinds])
		.orderBy('id')
		.execute() as Promise<ReferralRow[]>;
}

/** Records an agency's answer to a pending referral of this work; false when there is none such. */
export async function answerReferral(
	db: Queryable,
	workId: number,
	referralId: number,
	answer: { status: 'consented' | 'objected'; by: number; at: Date; note: string | null }
): Promise<boolean> {
	const r = await db
		.updateTable('excavation_referrals')
		.set({ status: answer.status, answered_at: answer.at, answered_by: answer.by, answer_note: answer.note })
		.where('id', '=', referralId)
		.where('work_id', '=', workId)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function insertInspection(
	db: Queryable,
	i: { work_id: number; at: Date; inspector_user_id: number; outcome: 'passed' | 'failed'; notes: string | null; remedial_due_on: string | null }
): Promise<number> {
	const { id } = await db.insertInto('excavation_inspections').values(i).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function insertInspectionPhotos(
	db: Queryable,
	inspectionId: number,
	photos: readonly { original_name: string; media_type: 'image/jpeg' | 'image/png'; size_bytes: number; sha256: string; storage_key: string }[]
): Promise<void> {
	if (photos.length === 0) return;
	await db
		.insertInto('excavation_inspection_photos')
		.values(photos.map((p) => ({ ...p, inspection_id: inspectionId })))
		.execute();
}

export interface InspectionRow {
	id: number;
	at: Date;
	inspector_name: string;
	outcome: 'passed' | 'failed';
	notes: string | null;
	remedial_due_on: string | null;
	photos: { id: number; original_name: string; media_type: string }[];
}

export async function listInspections(db: Queryable, workId: number): Promise<InspectionRow[]> {
	const { rows } = await sql<InspectionRow>`
		select i.id, i.at, u.display_name as inspector_name, i.outcome, i.notes, i.remedial_due_on::text as remedial_due_on,
			coalesce((select json_agg(json_build_object('id', p.id, 'original_name', p.original_name, 'media_type', p.media_type) order by p.id)
				from excavation_inspection_photos p where p.inspection_id = i.id), '[]'::json) as photos
		from excavation_inspections i join users u on u.id = i.inspector_user_id
		where i.work_id = ${workId}::bigint
		order by i.id`.execute(db);
	return rows;
}

export async function findInspectionPhoto(db: Queryable, workId: number, photoId: number) {
	return db
		.selectFrom('excavation_inspection_photos as p')
		.innerJoin('excavation_inspections as i', 'i.id', 'p.inspection_id')
		.select(['p.id', 'p.original_name', 'p.media_type', 'p.sha256', 'p.storage_key'])
		.where('p.id', '=', photoId)
		.where('i.work_id', '=', workId)
		.executeTakeFirst();
}
