import type { AuditEntry } from '../workflows';
import type { NewEvent } from './case-events.repository';
import type { CaseRecord } from './cases.repository';

/**
 * The one builder of audit-log rows (`case_events`). A workflow transition comes from the state
 * machine's `AuditEntry`; everything done on a step without moving it (a claim, an assignment,
 * a message, a site visit) is recorded on the step where the case stands.
 */

/** `power_of_attorney`: an officer accepted or refused a representative's power of attorney (issue 7). */
export type StepActivity = 'claim' | 'assign' | 'message' | 'site_visit' | 'power_of_attorney';

interface EventEntry {
	at: string;
	actorId: number;
	role: string;
	action: AuditEntry['action'] | StepActivity;
	fromStepId: string | null;
	toStepId: string | null;
	status: string;
	dueOn: string | null;
	text: string | null;
	details: Record<string, unknown>;
}

function caseEvent(caseId: number, entry: EventEntry, ip: string | null): NewEvent {
	return {
		case_id: caseId,
		at: entry.at,
		actor_user_id: entry.actorId,
		actor_role: entry.role,
		action: entry.action,
		from_step: entry.fromStepId,
		to_step: entry.toStepId,
		status: entry.status,
		due_on: entry.dueOn,
		text: entry.text,
		details: entry.details,
		ip
	};
}

/** A transition as the state machine reported it, with what the service adds (documents, task, referral ids). */
export function transitionEvent(caseId: number, audit: AuditEntry, ip: string | null, extra: Record<string, unknown> = {}): NewEvent {
	const details = { ...audit.details, ...(audit.waiting ? { waiting: audit.waiting } : {}), ...extra };
	return caseEvent(caseId, { ...audit, actorId: Number(audit.actorId), details }, ip);
}

/** Something done on the current step that leaves it where it is. */
export function stepActivityEvent(
	record: CaseRecord,
	activity: { action: StepActivity; actorId: number; role: string; at: Date; text?: string | null; details?: Record<string, unknown> },
	ip: string | null
): NewEvent {
	return caseEvent(
		record.id,
		{
			at: activity.at.toISOString(),
			actorId: activity.actorId,
			role: activity.role,
			action: activity.action,
			fromStepId: record.current_step,
			toStepId: record.current_step,
			status: record.workflow_status,
			dueOn: record.due_on,
			text: activity.text ?? null,
			details: activity.details ?? {}
		},
		ip
	);
}
