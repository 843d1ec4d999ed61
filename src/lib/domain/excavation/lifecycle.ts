/**
 * The life of an excavation work as DATA: which action moves it from which status to which, who may
 * take it, what must hold first, and whose inbox it waits in next with how many working days.
 * Client-safe and pure; the server (excavation/lifecycle.service.ts) runs each action in one
 * transaction and audits it.
 *
 *   planned ─approve→ approved ─paid→ permitted ─start→ active ─complete→ completed ─pass→ closed
 *      └─refuse→ refused    └─(cancel, from planned or approved)→ cancelled    └─fail→ remedial ─remedy→ completed
 *   emergency: filed straight into active; regularise (review + fee) → paid (permit) → complete …
 */
import type { ExcavationCategory, ExcavationStatus } from './works';

/** Who acts on a work: the municipality's officer and inspector, the utility's applicant and site supervisor, the gateway. */
export type WorksActor = 'officer' | 'inspector' | 'applicant' | 'supervisor' | 'system';
/** Whose cartable a work waits in. */
export type WorksInbox = 'officer' | 'inspector' | 'applicant' | 'supervisor';
export const WORKS_INBOXES = ['officer', 'inspector', 'applicant', 'supervisor'] as const satisfies readonly WorksInbox[];

export type WorksAction = 'approve' | 'refuse' | 'regularise' | 'cancel' | 'paid' | 'start' | 'complete' | 'pass' | 'fail' | 'remedy';
/** The actions a person takes from the work page (paid comes from the gateway). */
export const USER_ACTIONS = ['approve', 'refuse', 'regularise', 'cancel', 'start', 'complete', 'pass', 'fail', 'remedy'] as const satisfies readonly WorksAction[];
export type UserAction = (typeof USER_ACTIONS)[number];

/** What must hold before an action, besides the status. */
export type Guard =
	| 'emergency' // only for emergency works
	| 'not_emergency'
	| 'unreviewed' // the officer has not decided yet
	| 'referrals_answered' // every protected-area referral has an answer
	| 'permit_issued';

export interface Transition {
	action: WorksAction;
	from: readonly ExcavationStatus[];
	to: ExcavationStatus;
	by: readonly WorksActor[];
	guards: readonly Guard[];
}

export const TRANSITIONS: readonly Transition[] = [
	{ action: 'approve', from: ['planned'], to: 'approved', by: ['officer'], guards: ['not_emergency', 'referrals_answered'] },
	{ action: 'refuse', from: ['planned'], to: 'refused', by: ['officer'], guards: ['not_emergency'] },
	{ action: 'regularise', from: ['active'], to: 'active', by: ['officer'], guards: ['emergency', 'unreviewed', 'referrals_answered'] },
	{ action: 'cancel', from: ['planned', 'approved'], to: 'cancelled', by: ['applicant', 'supervisor'], guards: ['not_emergency'] },
	{ action: 'paid', from: ['approved'], to: 'permitted', by: ['system'], guards: ['not_emergency'] },
	{ action: 'paid', from: ['active'], to: 'active', by: ['system'], guards: ['emergency'] },
	{ action: 'start', from: ['permitted'], to: 'active', by: ['supervisor', 'applicant'], guards: [] },
	// a planned work is active only through its permit; an emergency must be regularised and paid first
	{ action: 'complete', from: ['active'], to: 'completed', by: ['supervisor', 'applicant'], guards: ['not_emergency'] },
	{ action: 'complete', from: ['active'], to: 'completed', by: ['supervisor', 'applicant'], guards: ['emergency', 'permit_issued'] },
	{ action: 'pass', from: ['completed'], to: 'closed', by: ['inspector'], guards: [] },
	{ action: 'fail', from: ['completed'], to: 'remedial', by: ['inspector'], guards: [] },
	{ action: 'remedy', from: ['remedial'], to: 'completed', by: ['supervisor', 'applicant'], guards: [] }
];

/** What the guards read of a work. */
export interface WorkState {
	status: ExcavationStatus;
	emergency: boolean;
	reviewed: boolean;
	pendingReferrals: number;
	permitIssued: boolean;
}

function holds(guard: Guard, w: WorkState): boolean {
	switch (guard) {
		case 'emergency':
			return w.emergency;
		case 'not_emergency':
			return !w.emergency;
		case 'unreviewed':
			return !w.reviewed;
		case 'referrals_answered':
			return w.pendingReferrals === 0;
		case 'permit_issued':
			return w.permitIssued;
	}
}

/** The transitions for this action from this status (ignoring guards and actors). */
export function transitionsFor(action: WorksAction, status: ExcavationStatus): Transition[] {
	return TRANSITIONS.filter((t) => t.action === action && t.from.includes(status));
}

export type Verdict =
	| { ok: true; transition: Transition }
	| { ok: false; reason: 'wrong_status' | 'wrong_actor' | Guard };

/**
 * Whether `actors` (what the user is to this work) may take `action` now, and the transition if so.
 *
 * @example decide('approve', { status: 'planned', emergency: false, reviewed: false, pendingReferrals: 0, permitIssued: false }, ['officer']).ok // true
 */
export function decide(action: WorksAction, work: WorkState, actors: readonly WorksActor[]): Verdict {
	const candidates = transitionsFor(action, work.status);
	if (candidates.length === 0) return { ok: false, reason: 'wrong_status' };
	const mine = candidates.filter((t) => t.by.some((a) => actors.includes(a)));
	if (mine.length === 0) return { ok: false, reason: 'wrong_actor' };
	let failed: Guard | null = null;
	for (const t of mine) {
		const broken = t.guards.filter((g) => !holds(g, work));
		if (broken.length === 0) return { ok: true, transition: t };
		// a transition for the other kind of work (emergency or not) explains nothing: name the one that applies
		const kindFits = !broken.includes('emergency') && !broken.includes('not_emergency');
		if (kindFits || failed === null) failed = broken[0];
		if (kindFits) break;
	}
	return { ok: false, reason: failed! };
}

/** The user actions open to these actors now (for the work page's buttons). */
export function availableActions(work: WorkState, actors: readonly WorksActor[]): UserAction[] {
	return USER_ACTIONS.filter((a) => decide(a, work, actors).ok);
}

/** Working days each step is given (Street Manager's clocks, in the Iranian working week). */
export const STEP_WORKING_DAYS = {
	/** the officer's review: minor works 2, standard and major 5 */
	review: { minor: 2, standard: 5, major: 5, immediate: 2 } satisfies Record<ExcavationCategory, number>,
	/** emergency works are regularised (reviewed) within two working days of filing */
	regularise: 2,
	/** a permitted work may start late by this much (validity) */
	startValidity: 5,
	/** the inspector inspects the reinstatement */
	inspection: 10,
	/** default remedy period the inspector gives */
	remedy: 10
} as const;

export interface NextStep {
	inbox: WorksInbox;
	/**
	 * how the deadline is counted: working days from today, or a given date. A work waiting to be paid
	 * is due on its open bill's last day (`bill_last_day`, domain/bills/validity), not on a clock of
	 * its own: the bill, the work page and the cartable's «overdue» name one date.
	 */
	due: { workingDays: number } | { on: 'ends_on' | 'regularise_by' | 'remedial_due_on' | 'start_validity' | 'bill_last_day' };
}

/** Whose inbox a work in this state waits in, and how its deadline is set; null when nobody's. */
export function nextStep(w: WorkState & { category: ExcavationCategory }): NextStep | null {
	switch (w.status) {
		case 'planned':
			return { inbox: 'officer', due: { workingDays: STEP_WORKING_DAYS.review[w.category] } };
		case 'approved':
			return { inbox: 'applicant', due: { on: 'bill_last_day' } };
		case 'permitted':
			return { inbox: 'supervisor', due: { on: 'start_validity' } };
		case 'active':
			if (w.emergency && !w.reviewed) return { inbox: 'officer', due: { on: 'regularise_by' } };
			if (w.emergency && !w.permitIssued) return { inbox: 'applicant', due: { on: 'bill_last_day' } };
			return { inbox: 'supervisor', due: { on: 'ends_on' } };
		case 'completed':
			return { inbox: 'inspector', due: { workingDays: STEP_WORKING_DAYS.inspection } };
		case 'remedial':
			return { inbox: 'supervisor', due: { on: 'remedial_due_on' } };
		default:
			return null;
	}
}
