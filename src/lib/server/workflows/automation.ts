import { dueDate, type WorkingCalendar } from '../../domain/working-days';
import type { Bilingual } from '../../i18n/lang';
import type { AuditEntry, CaseState, RequestTypeDefinition } from './types';
import { stepOf } from './state-machine';

/**
 * Steps the system works by itself (issue 8, §3–5), as data on a step definition. Each kind names
 * what happens when a case enters the step (an automatic attempt: when it succeeds the system
 * approves or completes the step, when it cannot the step stays with its holder), and what a
 * person's approval of the step requires, so nobody can skip what the automation guards.
 *
 * - `zoning_statement`: the دستور نقشه is issued (stage 1) when the parcel has no blocking case or
 *   referral and the rule book in force defines its zone; otherwise the step's holder (the planner)
 *   decides, and the statement is issued when they approve.
 * - `plans_and_proposal`: approving needs the engineer's drawings uploaded and a proposal stored.
 * - `proposal_check`: passes by itself when the stored proposal's check passes; otherwise the
 *   officer records an override with a reason before approving.
 * - `fee_assessment`: the fees of `requestKind` are assessed from the tariff book in force and
 *   billed; approving by hand needs an assessment of that kind on the case. `from` says where the
 *   inputs come from: the stored proposal (the two-stage permit) or the case's parcel alone (its
 *   mapped area and use: renewals, amendments, completion, inquiries and transfers), or the district
 *   officer's hand (`staff`: demolition and reconstruction, charged as a new building from what the
 *   officer enters on /assessments/new; the step waits for them, and no one approves it before).
 * - `payment`: the step moves on when the case's bill is paid (or nothing is due); not before.
 * - `permit_issue`: the final permit is issued and the case completed once the zoning statement,
 *   drawings, proposal (passing or overridden) and payment are all there (stage 2).
 */
export type StepAutomation =
	| { kind: 'zoning_statement'; blockingCaseKinds: string[] }
	| { kind: 'plans_and_proposal' }
	| { kind: 'proposal_check' }
	| { kind: 'fee_assessment'; requestKind: string; from: 'proposal' | 'parcel' | 'staff' }
	| { kind: 'payment' }
	| { kind: 'permit_issue' };

export type StepAutomationKind = StepAutomation['kind'];

/** The fee kind a request type's automated fee step assesses, or null when none is automated. */
export function feeKindOf(definition: RequestTypeDefinition): string | null {
	for (const step of definition.steps) if (step.automation?.kind === 'fee_assessment') return step.automation.requestKind;
	return null;
}

/**
 * Whether the request type works the two-stage permit (a zoning statement, then a proposal): what
 * the case page's permit panel is for. Automated fee and payment steps alone do not make one.
 */
export function isTwoStagePermit(definition: RequestTypeDefinition): boolean {
	return definition.steps.some((s) => s.automation?.kind === 'zoning_statement');
}

/**
 * How the timeline's «held» line begins when the system could not do a step's work; the reasons
 * follow (permits/automation.service, and the sample history that writes the same lines).
 */
export const HELD_BECAUSE = {
	zoning_statement: { fa: 'دستور نقشه خودکار صادر نشد و به کارشناس شهرسازی سپرده شد:', en: 'The zoning statement was not issued automatically; it goes to the planner:' },
	fee_assessment: { fa: 'عوارض خودکار محاسبه نشد؛ کارشناس منطقه محاسبه می‌کند:', en: 'The fees could not be assessed automatically; the district officer assesses them:' }
} as const;

/** Bilingual parts run together, each language on its own: a «held» line is `[HELD_BECAUSE.…, ...reasons]`. */
export function joinedText(parts: readonly Bilingual[]): Bilingual {
	return { fa: parts.map((t) => t.fa).join(' '), en: parts.map((t) => t.en).join(' ') };
}

/** How the timeline keeps a line of the system's (no user to read it in one language): Persian, then English. */
export function systemLine(text: Bilingual): string {
	return `${text.fa}\n${text.en}`;
}

/** The role automatic transitions are recorded under (no user acted). */
export const SYSTEM_ROLE = 'system';

/**
 * The system's approval (to the step's usual next step) or completion of the current step: the
 * same state and audit entry a person's action would give, recorded as the system's.
 */
export function automaticTransition(
	definition: RequestTypeDefinition,
	state: CaseState,
	now: Date,
	calendar: WorkingCalendar,
	text: string | null,
	details: Record<string, unknown>
): { state: CaseState; audit: AuditEntry } | null {
	if (state.status !== 'in_progress' || state.waiting) return null;
	const step = stepOf(definition, state.stepId);
	const at = now.toISOString();
	const approve = step.transitions.find((t) => t.action === 'approve');
	const complete = step.transitions.find((t) => t.action === 'complete');
	let next: CaseState;
	if (approve && approve.action === 'approve') {
		const to = stepOf(definition, approve.to[0]);
		next = { ...state, stepId: to.id, assigneeId: null, since: at, dueOn: dueDate(now, to.deadlineWorkingDays, calendar) };
	} else if (complete) {
		next = { ...state, status: 'completed', waiting: null, since: at, dueOn: null };
	} else {
		return null;
	}
	return {
		state: next,
		audit: {
			at,
			actorId: '',
			role: SYSTEM_ROLE as AuditEntry['role'],
			action: approve ? 'approve' : 'complete',
			fromStepId: state.stepId,
			toStepId: next.status === 'in_progress' ? next.stepId : null,
			status: next.status,
			waiting: null,
			text,
			details: { automatic: true, ...details },
			dueOn: next.dueOn
		}
	};
}
