import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { AgencyKind } from '../workflows';
import type { SessionUser } from '../auth/types';
import { toDocumentInfo } from '../documents';
import { listCaseDocuments } from '../documents/document.repository';
import { availableActions, requestTypeById } from '../workflows';
import type { AnsweredReferral } from '../../api/case';
import { actingAs, type VisibleCase } from './access';
import { stateOf } from './case-state';
import { caseViewOf } from './case-view';
import { listAnsweredReferrals, listReferrals, openReferralIds, referralDocumentIds } from './case-referrals.repository';
import { parcelRenovationCode } from './parcel-record.repository';
import type { CaseView } from './types';

/**
 * What a referred agency sees of a case (issue 7, least privilege): its own referral — the
 * question, the documents the officer attached to it, its reply — and the case's request type,
 * step and parcel. Not the timeline, the other documents, tasks, messages, site visits, or who the
 * applicant is. Access itself ends when the referral is answered or withdrawn (access.ts).
 */

export function agencyKindsOf(user: SessionUser): AgencyKind[] {
	return user.roles.filter((g) => g.role === 'agency' && g.agencyKind !== null).map((g) => g.agencyKind!);
}

/** The referral-only view of a case for an agency, over `referralIds` (its open referrals, or the one it just answered). */
export async function agencyCaseView(db: Kysely<DB>, user: SessionUser, visible: VisibleCase, referralIds: readonly number[], now: Date): Promise<CaseView> {
	const { record, definition } = visible;
	const state = stateOf(record);
	const acting = actingAs(user, definition, state);
	const actions = acting ? availableActions(definition, state, acting).filter((a) => a.type === 'agency_reply') : [];
	const shown = new Set(referralIds);
	const [allDocuments, referrals, documentIds, renovationCode] = await Promise.all([
		listCaseDocuments(db, record.id),
		listReferrals(db, record.id),
		referralDocumentIds(db, referralIds),
		parcelRenovationCode(db, record.parcel_id)
	]);
	const view = caseViewOf(
		{
			...visible,
			side: 'agency',
			state,
			actions,
			canClaim: false,
			renovationCode,
			events: [],
			documents: allDocuments.filter((d) => documentIds.has(d.id)).map(toDocumentInfo),
			tasks: [],
			referrals: referrals.filter((r) => shown.has(r.id)),
			messages: [],
			visits: [],
			applicant: null,
			representative: null
		},
		now
	);
	return { ...view, applicant: { id: 0, displayName: '' }, representative: null, powerOfAttorney: null, openTasks: 0 };
}

/** The agency's view of a case it may see now: over its open referrals. */
export async function agencyView(db: Kysely<DB>, user: SessionUser, visible: VisibleCase, now: Date): Promise<CaseView> {
	return agencyCaseView(db, user, visible, await openReferralIds(db, visible.record.id, agencyKindsOf(user)), now);
}

/** Whether an agency may download this document now: it belongs to one of its open referrals. */
export async function agencyMaySeeDocument(db: Kysely<DB>, user: SessionUser, caseId: number, documentId: number): Promise<boolean> {
	const referrals = await openReferralIds(db, caseId, agencyKindsOf(user));
	return (await referralDocumentIds(db, referrals)).has(documentId);
}

/**
 * The referrals the user's agencies answered, newest first, for their cartable's closed tab: the
 * case's tracking code and request type, the question, their own reply and when. Only what the
 * agency was asked and wrote itself — the case's documents stay closed to it.
 */
export async function listAgencyAnswers(db: Kysely<DB>, user: SessionUser, limit = 500): Promise<AnsweredReferral[]> {
	const rows = await listAnsweredReferrals(db, agencyKindsOf(user), limit);
	return rows.map((r) => ({
		id: r.id,
		trackingCode: r.tracking_code,
		requestType: { id: r.request_type, name: requestTypeById(r.request_type)?.name ?? { fa: r.request_type, en: r.request_type } },
		agency: r.agency_kind,
		question: r.question,
		referredAt: new Date(r.referred_at).toISOString(),
		replyText: r.reply_text,
		repliedAt: new Date(r.replied_at).toISOString()
	}));
}
