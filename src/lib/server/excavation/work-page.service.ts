/**
 * One work as its page (`/excavations/<id>`) shows it to those who may see it: where it stands,
 * whose step it is and by when, what the check found when it was filed, the referrals, the
 * fee and permit, the inspections with their photos, the history, and the actions open to this
 * user now. An agency asked about a protected area sees only its referral while it waits, and the
 * work's public outline (who digs, why, where, when): not the history, fee, permit, inspections or
 * applicant. Anyone else, and the agency once it has answered, gets the same 404 as for an id that
 * does not exist.
 */
import { statedMeasure } from '../../domain/excavation/measure';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { defaultFileStore, type FileStore } from '../documents';
import { tehranDate } from '../../domain/working-days';
import { availableActions, type UserAction, type WorksActor } from '../../domain/excavation/lifecycle';
import type { ExcavationCheck } from '../../api/excavation';
import type { ExcavationStatus } from '../../domain/excavation/works';
import { findIssuedDocument } from '../issued-documents/issued-documents.repository';
import { billsOf } from '../fees/assessment.repository';
import {
	findWork,
	findInspectionPhoto,
	listEvents,
	listInspections,
	listReferrals,
	pendingReferralsFor,
	type EventRow,
	type InspectionRow,
	type ReferralRow,
	type WorkRow
} from './lifecycle.repository';
import { actorsFor, agencyKindsOf, assertMaySee, isExcavationStaff, notFound } from './actors';
import { workState } from './lifecycle.service';

export interface WorkPage {
	/** `agency`: the referral-only view of an agency asked */
	side: 'full' | 'agency';
	work: Omit<WorkRow, 'check_result' | 'conditions'> & { conditions: string[]; overdue: boolean };
	check: (Partial<ExcavationCheck> & { fee_bases?: unknown }) | null;
	actors: WorksActor[];
	actions: UserAction[];
	mayAnswerReferrals: boolean;
	referrals: ReferralRow[];
	inspections: InspectionRow[];
	events: EventRow[];
	/**
	 * The fee: `paid_at` once paid in full, and the receipts of the bills paid so far (at
	 * /receipts/<payment_row_id>; none for a fee marked paid without a payment, as the sample works are).
	 */
	assessment: { id: number; status: string; total_rial: number; paid_at: string | null; receipts: { seq: number; payment_row_id: number; verified_at: string }[] } | null;
	permit: { id: number; number: string; verification_code: string } | null;
	/** The work whose trench this application names as shared (the officer decides on it), null if none. */
	sharedTrench: { id: number; reference: string; organisation_name_fa: string; organisation_name_en: string | null; status: ExcavationStatus } | null;
}

export async function getWorkPage(db: Kysely<DB>, user: SessionUser, id: number, { now = new Date() } = {}): Promise<WorkPage> {
	const work = Number.isSafeInteger(id) && id > 0 ? await findWork(db, id) : null;
	if (!work) throw notFound(id);
	if (actorsFor(user, work).length === 0 && !isExcavationStaff(user)) return agencyWorkPage(db, user, work, now);
	const actors = assertMaySee(user, work);
	const [referrals, inspections, events, assessment, permit, sharedTrench] = await Promise.all([
		listReferrals(db, id),
		listInspections(db, id),
		listEvents(db, id),
		work.assessment_id === null
			? null
			: feeOf(db, work.assessment_id),
		work.permit_document_id === null ? null : findIssuedDocument(db, work.permit_document_id),
		work.shared_trench_of === null ? null : sharedTrenchOf(db, work.shared_trench_of)
	]);
	const { check_result, conditions, ...rest } = work;
	return {
		side: 'full',
		work: {
			...rest,
			...measures(rest),
			conditions: Array.isArray(conditions) ? conditions.map(String) : [],
			overdue: work.due_on !== null && work.due_on < tehranDate(now)
		},
		check: (check_result as WorkPage['check']) ?? null,
		actors,
		actions: availableActions(workState(work), actors),
		mayAnswerReferrals: actors.includes('officer') && referrals.some((r) => r.status === 'pending'),
		referrals,
		inspections,
		events,
		assessment,
		permit: permit ? { id: permit.id, number: permit.number, verification_code: permit.verification_code } : null,
		sharedTrench
	};
}

/** The work's fee as its page shows it: amount, status, when it was paid and the receipts. */
async function feeOf(db: Kysely<DB>, assessmentId: number): Promise<WorkPage['assessment']> {
	const [row, bills] = await Promise.all([
		db.selectFrom('fee_assessments').select(['id', 'status', 'total_rial', 'paid_at']).where('id', '=', assessmentId).executeTakeFirst(),
		billsOf(db, assessmentId)
	]);
	if (!row) return null;
	return {
		id: row.id,
		status: row.status,
		total_rial: Number(row.total_rial),
		paid_at: row.paid_at ? new Date(row.paid_at).toISOString() : null,
		receipts: bills.flatMap((b) =>
			b.paid_payment_id === null || !b.verified_at ? [] : [{ seq: b.seq, payment_row_id: b.paid_payment_id, verified_at: new Date(b.verified_at).toISOString() }]
		)
	};
}

/** The host of a shared trench as the work page links it: its reference, company and status. */
async function sharedTrenchOf(db: Kysely<DB>, id: number): Promise<WorkPage['sharedTrench']> {
	const host = await db
		.selectFrom('excavation_works as w')
		.innerJoin('organisations as o', 'o.id', 'w.organisation_id')
		.select(['w.id', 'w.reference', 'o.name_fa as organisation_name_fa', 'o.name_en as organisation_name_en', 'w.status'])
		.where('w.id', '=', id)
		.executeTakeFirst();
	return host ?? null;
}

/** @throws 404 unless the user is an agency with a referral of this work still waiting for it. */
/** The stored area and length as the check stated them before filing (one rounding, statedMeasure). */
const measures = (w: Pick<WorkRow, 'area_m2' | 'length_m'>) => ({ area_m2: statedMeasure(w.area_m2), length_m: statedMeasure(w.length_m) });

async function agencyWorkPage(db: Kysely<DB>, user: SessionUser, work: WorkRow, now: Date): Promise<WorkPage> {
	const referrals = await pendingReferralsFor(db, work.id, agencyKindsOf(user));
	if (referrals.length === 0) throw notFound(work.id);
	const { check_result, ...rest } = work;
	const streets = (check_result as WorkPage['check'])?.streets;
	return {
		side: 'agency',
		work: {
			...rest,
			...measures(rest),
			// who filed it, the fee and the permit are not the agency's business
			applicant_user_id: null,
			assessment_id: null,
			permit_document_id: null,
			deposit_rial: null,
			deposit_released_at: null,
			conditions: [],
			overdue: work.due_on !== null && work.due_on < tehranDate(now)
		},
		check: streets ? { streets } : null,
		actors: [],
		actions: [],
		mayAnswerReferrals: true,
		referrals,
		inspections: [],
		events: [],
		assessment: null,
		permit: null,
		sharedTrench: null
	};
}

/** An inspection photo of a work, for those who may see the work. */
export async function inspectionPhoto(db: Kysely<DB>, user: SessionUser, workId: number, photoId: number, files: FileStore = defaultFileStore()) {
	const work = Number.isSafeInteger(workId) && workId > 0 ? await findWork(db, workId) : null;
	if (!work) throw notFound(workId);
	assertMaySee(user, work);
	const photo = Number.isSafeInteger(photoId) ? await findInspectionPhoto(db, workId, photoId) : undefined;
	if (!photo) throw notFound(workId);
	return { mediaType: photo.media_type, name: photo.original_name, bytes: await files.get(photo.storage_key, photo.sha256) };
}
