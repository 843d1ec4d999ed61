import { sql } from 'kysely';
import type { AgencyKind } from '../db/schema';
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
	replied_by: number | null;
	replied_at: Date | null;
}

/** Agencies a case has ever been referred to: they keep read-only access to its archive. */
export async function referredAgencies(db: Executor, caseId: number): Promise<AgencyKind[]> {
	const rows = await db.selectFrom('case_referrals').select('agency_kind').distinct().where('case_id', '=', caseId).execute();
	return rows.map((r) => r.agency_kind);
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
		reply_text, replied_by, replied_at from case_referrals where case_id = ${caseId} order by id`.execute(db);
	return rows;
}

/** Answers the open referral to this agency; returns its id, or null when there is none. */
export async function answerReferral(
	db: Executor,
	caseId: number,
	agency: AgencyKind,
	reply: { text: string; by: number; at: string }
): Promise<number | null> {
	const row = await db
		.updateTable('case_referrals')
		.set({ status: 'answered', reply_text: reply.text, replied_by: reply.by, replied_at: reply.at })
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
