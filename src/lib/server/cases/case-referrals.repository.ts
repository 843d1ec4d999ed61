import { sql } from 'kysely';
import type { AgencyKind } from '../db/schema';
import type { ReferralVerdict } from '../db/cases-schema';
import type { Executor } from './cases.repository';

export interface ReferralRow {
	id: number;
	agency_kind: AgencyKind;
	question: string;
	step: string;
	referred_at: Date;
	due_on: string;
	status: 'open' | 'answered' | 'withdrawn';
	reply_text: string | null;
	verdict: ReferralVerdict | null;
	replied_by: number | null;
	replied_at: Date | null;
}

/**
 * Agencies with a referral on this case still open: only they see it (issue 7), and only while the
 * referral is open — an answered or withdrawn referral ends the agency's access.
 * Served by `case_referrals_open_idx`.
 */
export async function agenciesWithOpenReferral(db: Executor, caseId: number): Promise<AgencyKind[]> {
	const rows = await db
		.selectFrom('case_referrals')
		.select('agency_kind')
		.distinct()
		.where('case_id', '=', caseId)
		.where('status', '=', 'open')
		.execute();
	return rows.map((r) => r.agency_kind);
}

/** Ids of the referrals on this case still open to one of these agencies. */
export async function openReferralIds(db: Executor, caseId: number, agencies: readonly AgencyKind[]): Promise<number[]> {
	if (agencies.length === 0) return [];
	const rows = await db
		.selectFrom('case_referrals')
		.select('id')
		.where('case_id', '=', caseId)
		.where('status', '=', 'open')
		.where('agency_kind', 'in', [...agencies])
		.execute();
	return rows.map((r) => r.id);
}

/**
 * Hands documents of this case to a referral (what the agency will see). Every id must be a
 * document of the same case; otherwise nothing is attached and the caller's transaction fails.
 * @returns false when an id is not a document of this case
 */
export async function attachToReferral(db: Executor, caseId: number, referralId: number, documentIds: readonly number[]): Promise<boolean> {
	const ids = [...new Set(documentIds)];
	if (ids.length === 0) return true;
	const found = await db.selectFrom('documents').select('id').where('case_id', '=', caseId).where('id', 'in', ids).execute();
	if (found.length !== ids.length) return false;
	await db.insertInto('case_referral_documents').values(ids.map((document_id) => ({ referral_id: referralId, document_id }))).execute();
	return true;
}

/** Ids of the documents attached to these referrals, or filed as their replies. */
export async function referralDocumentIds(db: Executor, referralIds: readonly number[]): Promise<Set<number>> {
	if (referralIds.length === 0) return new Set();
	const attached = await db.selectFrom('case_referral_documents').select('document_id').where('referral_id', 'in', [...referralIds]).execute();
	const replies = await db.selectFrom('documents').select('id').where('referral_id', 'in', [...referralIds]).execute();
	return new Set([...attached.map((r) => r.document_id), ...replies.map((r) => r.id)]);
}

export async function insertReferral(
	db: Executor,
	referral: { case_id: number; agency_kind: AgencyKind; question: string; step: string; referred_by: number; referred_at: string; due_on: string }
): Promise<number> {
	const { id } = await db.insertInto('case_referrals').values(referral).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function listReferrals(db: Executor, caseId: number): Promise<ReferralRow[]> {
	const { rows } = await sql<ReferralRow>`select id, agency_kind, question, step, referred_at, due_on::text as due_on, status,
		reply_text, verdict, replied_by, replied_at from case_referrals where case_id = ${caseId} order by id`.execute(db);
	return rows;
}

/** Answers the open referral to this agency; returns its id, or null when there is none. */
export async function answerReferral(
	db: Executor,
	caseId: number,
	agency: AgencyKind,
	reply: { text: string; verdict: ReferralVerdict | null; by: number; at: string }
): Promise<number | null> {
	const row = await db
		.updateTable('case_referrals')
		.set({ status: 'answered', reply_text: reply.text, verdict: reply.verdict, replied_by: reply.by, replied_at: reply.at })
		.where('case_id', '=', caseId)
		.where('agency_kind', '=', agency)
		.where('status', '=', 'open')
		.returning('id')
		.executeTakeFirst();
	return row?.id ?? null;
}

export async function withdrawReferrals(db: Executor, caseId: number): Promise<void> {
	await db.updateTable('case_referrals').set({ status: 'withdrawn' }).where('case_id', '=', caseId).where('status', '=', 'open').execute();
}

export interface AnsweredReferralRow {
	id: number;
	case_id: number;
	tracking_code: string;
	request_type: string;
	agency_kind: AgencyKind;
	question: string;
	referred_at: Date;
	reply_text: string | null;
	replied_at: Date;
}

/**
 * The referrals these agencies answered, newest first: the agency's own record of what it was
 * asked and what it wrote back (not the case: its access ended with the answer). Read in order from
 * case_referrals_answered_idx (migrations/0161), stopped at `limit`.
 */
export function answeredReferralsQuery(db: Executor, agencies: readonly AgencyKind[], limit: number) {
	return db
		.selectFrom('case_referrals as r')
		.innerJoin('cases as c', 'c.id', 'r.case_id')
		.select(['r.id', 'r.case_id', 'c.tracking_code', sql<string>`c.request_type`.as('request_type'), 'r.agency_kind', 'r.question', 'r.referred_at', 'r.reply_text', sql<Date>`r.replied_at`.as('replied_at')])
		.where('r.status', '=', 'answered')
		.where('r.agency_kind', 'in', [...agencies])
		.orderBy('r.replied_at', 'desc')
		.orderBy('r.id', 'desc')
		.limit(limit);
}

export async function listAnsweredReferrals(db: Executor, agencies: readonly AgencyKind[], limit: number): Promise<AnsweredReferralRow[]> {
	if (agencies.length === 0) return [];
	return answeredReferralsQuery(db, agencies, limit).execute() as Promise<AnsweredReferralRow[]>;
}
