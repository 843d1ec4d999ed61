import type { Bilingual } from '../errors';
import { documentKindName, type DocumentInfo } from '../documents';
import { AGENCY_NAMES, ISSUED_KIND_NAMES, citizenStatus, requestTypeById, stepOf, SYSTEM_ROLE, type AvailableAction, type CaseState, type RequestTypeDefinition } from '../workflows';
import { isOverdue } from '../../domain/working-days';
import { timelineAssignmentText } from '../supervision/assignment-text';
import type { VisibleCase } from './access';
import type { CaseListRow } from './case-lists.repository';
import type { EventRow } from './case-events.repository';
import type { TaskRow } from './case-tasks.repository';
import type { ReferralRow } from './case-referrals.repository';
import type { SiteVisitRow } from './site-visits.repository';
import type { PartyContact } from './case-parties.repository';
import type { MessageRow } from './case-messages.repository';
import type { CaseRecord } from './cases.repository';
import type { CaseSide, CaseSummary, CaseView, StepInfo } from './types';

/** Rows to the case contract (`$lib/api/case`): names resolved, dates as ISO strings. Pure. */

/** A step's name; its id when the request type no longer has it. */
export function stepName(definition: RequestTypeDefinition | undefined, id: string): Bilingual {
	return definition?.steps.find((s) => s.id === id)?.name ?? { fa: id, en: id };
}

function stepInfo(definition: RequestTypeDefinition | undefined, id: string | null): StepInfo | null {
	return id ? { id, name: stepName(definition, id) } : null;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

/** How a closed case ended, in words for its lists and page; null while it is in progress. */
export function outcomeOf(definition: RequestTypeDefinition | undefined, status: CaseSummary['status']): Bilingual | null {
	switch (status) {
		case 'completed': {
			const issued = definition?.issues ? ISSUED_KIND_NAMES[definition.issues] : null;
			return issued ? { fa: `${issued.fa} صادر شد`, en: `${issued.en} issued` } : { fa: 'درخواست انجام شد', en: 'Request completed' };
		}
		case 'rejected':
			return { fa: 'درخواست رد شد', en: 'Request rejected' };
		case 'withdrawn':
			return { fa: 'متقاضی درخواست را پس گرفت', en: 'Withdrawn by the applicant' };
		default:
			return null;
	}
}

export function summaryOf(row: CaseListRow, now: Date): CaseSummary {
	const definition = requestTypeById(row.request_type);
	return {
		id: row.id,
		trackingCode: row.tracking_code,
		parcelId: row.parcel_id,
		renovationCode: row.renovation_code,
		requestType: { id: row.request_type, name: definition?.name ?? { fa: row.request_type, en: row.request_type } },
		status: row.workflow_status,
		step: stepInfo(definition, row.current_step)!,
		waitingOn: (row.waiting as { on?: 'applicant' | 'agency' } | null)?.on ?? null,
		holderRole: row.holder_role,
		holderAgency: row.holder_agency_kind,
		assignedUserId: row.assigned_user_id,
		dueOn: row.due_on,
		overdue: row.workflow_status === 'in_progress' && row.due_on !== null && isOverdue(row.due_on, now),
		filedOnline: row.filed_online,
		openedAt: iso(row.opened_at),
		closedAt: isoOrNull(row.closed_at),
		outcome: outcomeOf(definition, row.workflow_status),
		openTasks: row.open_tasks
	};
}

function listRowOf(record: CaseRecord, renovationCode: string | null, openTasks: number): CaseListRow {
	return {
		id: record.id,
		tracking_code: record.tracking_code,
		parcel_id: record.parcel_id,
		renovation_code: renovationCode,
		request_type: record.request_type,
		workflow_status: record.workflow_status,
		current_step: record.current_step,
		waiting: record.waiting,
		holder_role: record.holder_role,
		holder_agency_kind: record.holder_agency_kind,
		assigned_user_id: record.assigned_user_id,
		due_on: record.due_on,
		filed_online: record.filed_online,
		opened_at: record.opened_at,
		closed_at: record.closed_at,
		open_tasks: openTasks
	};
}

const APPLICANT_SIDE = new Set(['citizen', 'representative']);

/**
 * What a log entry reads as. An `approve` moves any step on, but only a staff member approves:
 * the applicant side completing a step it holds (filing, resubmitting documents, completing the
 * file) submits it — also an officer doing so at the counter on the applicant's behalf.
 */
export function shownAs(definition: RequestTypeDefinition | undefined, e: Pick<EventRow, 'action' | 'actor_role' | 'from_step'>): string {
	if (e.action !== 'approve') return e.action;
	if (APPLICANT_SIDE.has(e.actor_role)) return 'submit';
	const from = e.from_step ? definition?.steps.find((s) => s.id === e.from_step) : undefined;
	return from?.holder.role === 'applicant' ? 'submit' : 'approve';
}

/**
 * Whether the step `e` entered was left in the same instant by `next` (the filing step, submitted
 * as the request is filed): its deadline never ran, and shown beside the next step's shorter one
 * it would read as a later deadline for an earlier step.
 */
function leftAtOnce(e: EventRow, next: EventRow | undefined): boolean {
	return next !== undefined && e.to_step !== null && next.from_step === e.to_step && next.to_step !== e.to_step && new Date(next.at).getTime() === new Date(e.at).getTime();
}

/** Everything `getCase` read about one case, for one viewer. */
export interface CaseParts extends VisibleCase {
	state: CaseState;
	actions: AvailableAction[];
	canClaim: boolean;
	renovationCode: string | null;
	events: EventRow[];
	documents: DocumentInfo[];
	tasks: TaskRow[];
	referrals: ReferralRow[];
	messages: MessageRow[];
	visits: SiteVisitRow[];
	applicant: PartyContact | null;
	representative: PartyContact | null;
	/** Who holds the claimed step (read for staff viewers only). */
	assignee?: PartyContact | null;
}

export function caseViewOf(p: CaseParts, now: Date): CaseView {
	const { record, definition, state, documents } = p;
	const side: CaseSide = p.side;
	return {
		...summaryOf(listRowOf(record, p.renovationCode, p.tasks.filter((t) => t.status === 'open').length), now),
		statusText: citizenStatus(definition, state),
		citizenView: stepOf(definition, state.stepId).citizenView,
		waiting: state.waiting,
		decision: record.decision,
		closedReason: record.closed_reason,
		closedBySystem: record.closed_reason !== null && p.events.findLast((e) => e.status !== 'in_progress')?.actor_role === SYSTEM_ROLE,
		applicant: { id: record.applicant_user_id, displayName: p.applicant?.display_name ?? '' },
		representative: record.representative_user_id === null ? null : { id: record.representative_user_id, displayName: p.representative?.display_name ?? '' },
		assigneeName: p.assignee?.display_name ?? null,
		powerOfAttorney: record.poa_status === null ? null : { status: record.poa_status, documentId: record.power_of_attorney_document_id },
		side,
		readOnly: side === 'agency',
		actions: p.actions,
		canClaim: p.canClaim,
		timeline: p.events.map((e, i) => ({
			id: e.id,
			at: iso(e.at),
			actorName: e.actor_name,
			actorRole: e.actor_role,
			action: e.action,
			shownAs: shownAs(definition, e),
			fromStep: stepInfo(definition, e.from_step),
			toStep: stepInfo(definition, e.to_step),
			status: e.status,
			dueOn: leftAtOnce(e, p.events[i + 1]) ? null : e.due_on,
			text: e.action === 'supervisor_assigned' && e.text !== null ? timelineAssignmentText(e.text) : e.text,
			details: e.details
		})),
		documents,
		tasks: p.tasks.map((t) => ({
			id: t.id,
			kind: t.kind,
			prompt: t.prompt,
			documentKinds: t.document_kinds.map((k) => ({ kind: k, name: documentKindName(k) })),
			dueOn: t.due_on,
			status: t.status,
			answerText: t.answer_text,
			answeredAt: isoOrNull(t.answered_at)
		})),
		referrals: p.referrals.map((r) => ({
			id: r.id,
			agency: r.agency_kind,
			agencyName: AGENCY_NAMES[r.agency_kind],
			question: r.question,
			referredAt: iso(r.referred_at),
			dueOn: r.due_on,
			status: r.status,
			replyText: r.reply_text,
			verdict: r.verdict,
			repliedAt: isoOrNull(r.replied_at),
			documents: documents.filter((d) => d.referralId === r.id)
		})),
		messages: p.messages.map((m) => ({ id: m.id, authorName: m.author_name, authorRole: m.author_role, side: m.side, body: m.body, at: iso(m.created_at) })),
		siteVisits: p.visits.map((v) => ({
			id: v.id,
			visitedAt: iso(v.visited_at),
			step: v.step,
			notes: v.notes,
			location: v.lon === null || v.lat === null ? null : [v.lon, v.lat],
			photos: documents.filter((d) => d.siteVisitId === v.id)
		}))
	};
}
