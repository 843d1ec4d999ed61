import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { toDocumentInfo } from '../documents';
import { listCaseDocuments } from '../documents/document.repository';
import { availableActions } from '../workflows';
import { tehranDate } from '../../domain/working-days';
import { actingAs, canHoldUnclaimed, holderScope, isStaff, loadVisibleCase, onApplicantSide, visibleDistricts } from './access';
import { stateOf } from './case-state';
import { caseViewOf, summaryOf } from './case-view';
import { caseErrors } from './errors';
import { listEvents } from './case-events.repository';
import { listTasks } from './case-tasks.repository';
import { listReferrals } from './case-referrals.repository';
import { listMessages } from './case-messages.repository';
import { listSiteVisits } from './site-visits.repository';
import { partyContact } from './case-parties.repository';
import { parcelRenovationCode } from './parcel-record.repository';
import { listCartableRows, listCasesOf } from './case-lists.repository';
import { agencyView } from './agency-scope';
import { CARTABLE_TABS, type CartableTab, type CaseContext, type CaseSummary, type CaseView } from './types';

/**
 * One case as its viewer may see it: status, step, holder, deadline, timeline, documents (every
 * version), tasks, referrals with replies, messages, site visits, and what the viewer may do now.
 * @throws NotFoundError for a case that does not exist or that the user may not see (the same 404).
 */
export async function getCase(db: Kysely<DB>, actor: SessionUser, caseId: number, ctx: CaseContext = {}): Promise<CaseView> {
	const visible = await loadVisibleCase(db, actor, caseId);
	// A referred agency sees its referral, not the case (agency-scope.ts).
	if (visible.side === 'agency') return agencyView(db, actor, visible, ctx.now ?? new Date());
	const { record, side, definition } = visible;
	const state = stateOf(record);
	const acting = actingAs(actor, definition, state, side === 'applicant' || side === 'representative' ? onApplicantSide : undefined);
	const actions = acting ? availableActions(definition, state, acting) : [];
	const canClaim = side === 'staff' && state.status === 'in_progress' && !state.waiting && state.assigneeId === null && canHoldUnclaimed(actor, visible);
	const [events, documents, tasks, referrals, messages, visits, applicant, representative, renovationCode, assignee] = await Promise.all([
		listEvents(db, caseId),
		listCaseDocuments(db, caseId),
		listTasks(db, caseId),
		listReferrals(db, caseId),
		listMessages(db, caseId),
		listSiteVisits(db, caseId),
		partyContact(db, record.applicant_user_id),
		record.representative_user_id === null ? null : partyContact(db, record.representative_user_id),
		parcelRenovationCode(db, record.parcel_id),
		// staff see who holds a claimed step by name; the applicant side sees the role
		side === 'staff' && record.assigned_user_id !== null ? partyContact(db, record.assigned_user_id) : null
	]);
	return caseViewOf(
		{ ...visible, state, actions, canClaim, renovationCode, events, documents: documents.map(toDocumentInfo), tasks, referrals, messages, visits, applicant, representative, assignee },
		ctx.now ?? new Date()
	);
}

/** "My cases": a citizen's own cases; a representative's, the cases they filed or were granted. */
export async function listMyCases(db: Kysely<DB>, actor: SessionUser, ctx: CaseContext = {}): Promise<CaseSummary[]> {
	const asRepresentative = actor.roles.some((g) => g.role === 'representative');
	const rows = await listCasesOf(db, actor.id, asRepresentative);
	const now = ctx.now ?? new Date();
	return rows.map((r) => summaryOf(r, now));
}

/**
 * A staff member's cartable: `mine` (claimed by them, or referred to their agency), `unassigned`
 * (their role and district, nobody claimed it), `overdue`, `closed`. Sorted by deadline, and at an
 * equal deadline online-filed requests first.
 */
export async function listCartable(db: Kysely<DB>, actor: SessionUser, tab: CartableTab, ctx: CaseContext = {}): Promise<CaseSummary[]> {
	if (!isStaff(actor)) throw caseErrors.cartableStaffOnly();
	if (!CARTABLE_TABS.includes(tab)) throw caseErrors.cartableTabUnknown(String(tab));
	const now = ctx.now ?? new Date();
	const rows = await listCartableRows(db, {
		scope: holderScope(actor),
		visibleDistricts: visibleDistricts(actor),
		tab,
		userId: actor.id,
		today: tehranDate(now),
		limit: 500
	});
	return rows.map((r) => summaryOf(r, now));
}
