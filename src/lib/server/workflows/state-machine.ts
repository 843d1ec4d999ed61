import type { Bilingual } from '../../i18n/lang';
import { addWorkingDays, dueDate, receivedOn, workingDaysBetween, type WorkingCalendar } from '../../domain/working-days';
import type { DocumentKind } from './documents';
import type { AgencyKind } from './roles';
import { isReferralVerdict } from './types';
import type {
	ActionResult,
	Actor,
	AuditEntry,
	CaseAction,
	CaseActionType,
	CaseState,
	RequestTypeDefinition,
	StepDefinition,
	Transition,
	WorkflowError
} from './types';

/**
 * The pure workflow state machine. It decides who may do what on a case and what follows; the
 * case service loads the state, calls `applyAction`, and writes the new state and the audit
 * entry in one transaction. Nothing here reads a clock or a database.
 */

export const ERRORS = {
	case_closed: { fa: 'این پرونده بسته شده است.', en: 'This case is closed.' },
	not_current_step: {
		fa: 'پرونده در این مرحله نیست؛ صفحه را تازه کنید.',
		en: 'The case is not at this step; reload the page.'
	},
	not_your_step: { fa: 'این مرحله در کارتابل شما نیست.', en: 'This step is not in your cartable.' },
	forbidden: { fa: 'اجازه این کار را ندارید.', en: 'You may not do this.' },
	transition_not_allowed: {
		fa: 'این اقدام در این مرحله مجاز نیست.',
		en: 'This action is not allowed at this step.'
	},
	reason_required: { fa: 'علت را بنویسید؛ متقاضی آن را می‌بیند.', en: 'Give the reason; the applicant will see it.' },
	invalid_action: { fa: 'درخواست نامعتبر است.', en: 'Invalid request.' },
	documents_required: {
		fa: 'دست‌کم یک مدرک را برای درخواست انتخاب کنید.',
		en: 'Choose at least one document to request.'
	}
} satisfies Record<WorkflowError['code'], Bilingual>;

const STATUS: Record<WorkflowError['code'], WorkflowError['status']> = {
	case_closed: 409,
	not_current_step: 403,
	not_your_step: 403,
	forbidden: 403,
	transition_not_allowed: 403,
	reason_required: 400,
	invalid_action: 400,
	documents_required: 400
};

function fail(code: WorkflowError['code'], message: Bilingual = ERRORS[code]): ActionResult {
	return { ok: false, error: { code, status: STATUS[code], message } };
}

export function stepOf(definition: RequestTypeDefinition, stepId: string): StepDefinition {
	const step = definition.steps.find((s) => s.id === stepId);
	if (!step) throw new Error(`Request type ${definition.id} has no step ${stepId}`);
	return step;
}

function isApplicantSide(state: CaseState, actor: Actor): boolean {
	return (
		(actor.role === 'citizen' && actor.userId === state.applicantId) ||
		(actor.role === 'representative' && state.representativeId !== null && actor.userId === state.representativeId)
	);
}

/** Whether the actor holds the current step itself (not a wait). */
function holdsStep(step: StepDefinition, state: CaseState, actor: Actor): boolean {
	const holder = step.holder;
	if (holder.role === 'applicant') return isApplicantSide(state, actor);
	if (holder.role === 'agency') return actor.role === 'agency' && actor.agency === holder.agency;
	if (actor.role !== holder.role) return false;
	if (holder.districtScoped && !(actor.districtIds ?? []).includes(state.districtId)) return false;
	return state.assigneeId === null || state.assigneeId === actor.userId;
}

/** Whether the case currently sits with this actor (its step, or the wait they must answer). */
export function isHeldBy(definition: RequestTypeDefinition, state: CaseState, actor: Actor): boolean {
	if (state.status !== 'in_progress') return false;
	if (state.waiting?.on === 'applicant') return isApplicantSide(state, actor);
	if (state.waiting?.on === 'agency') return actor.role === 'agency' && actor.agency === state.waiting.agency;
	return holdsStep(stepOf(definition, state.stepId), state, actor);
}

export interface AvailableAction {
	type: CaseActionType;
	/** For approve: the steps it may go to, the usual one first. */
	to?: string[];
	kinds?: DocumentKind[];
	agencies?: AgencyKind[];
	requiresReason: boolean;
}

const NEEDS_REASON: ReadonlySet<CaseActionType> = new Set(['return_to_applicant', 'request_document', 'refer_to_agency', 'reject', 'agency_reply']);

function fromTransition(t: Transition): AvailableAction {
	const requiresReason = NEEDS_REASON.has(t.action);
	switch (t.action) {
		case 'approve':
			return { type: 'approve', to: [...t.to], requiresReason };
		case 'request_document':
			return { type: 'request_document', kinds: [...t.kinds], requiresReason };
		case 'refer_to_agency':
			return { type: 'refer_to_agency', agencies: [...t.agencies], requiresReason };
		default:
			return { type: t.action, requiresReason };
	}
}

/** What this actor may do on the case now; empty when the case is not theirs to act on. */
export function availableActions(definition: RequestTypeDefinition, state: CaseState, actor: Actor): AvailableAction[] {
	if (state.status !== 'in_progress') return [];
	const actions: AvailableAction[] = [];
	if (isHeldBy(definition, state, actor)) {
		if (state.waiting?.on === 'applicant') actions.push({ type: 'applicant_reply', requiresReason: false });
		else if (state.waiting?.on === 'agency') actions.push({ type: 'agency_reply', requiresReason: true });
		else {
			const step = stepOf(definition, state.stepId);
			// a payment step moves on by itself when the bill is paid: its holder pays, and has nothing to approve
			const byPayment = step.automation?.kind === 'payment';
			actions.push(...step.transitions.filter((t) => !(byPayment && (t.action === 'approve' || t.action === 'complete'))).map(fromTransition));
		}
	}
	if (isApplicantSide(state, actor) && definition.withdrawable !== false) actions.push({ type: 'withdraw', requiresReason: false });
	return actions;
}

function hasText(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

export interface NewCase {
	applicantId: string;
	representativeId: string | null;
	districtId: number;
}

/** A case filed now: it enters the initial step with that step's clock running. */
export function startCase(
	definition: RequestTypeDefinition,
	filing: NewCase,
	filedBy: Actor,
	now: Date,
	calendar: WorkingCalendar
): { state: CaseState; audit: AuditEntry } {
	const step = stepOf(definition, definition.initialStep);
	const state: CaseState = {
		requestTypeId: definition.id,
		status: 'in_progress',
		stepId: step.id,
		waiting: null,
		districtId: filing.districtId,
		applicantId: filing.applicantId,
		representativeId: filing.representativeId,
		assigneeId: null,
		since: now.toISOString(),
		dueOn: dueDate(now, step.deadlineWorkingDays, calendar)
	};
	const audit: AuditEntry = {
		at: now.toISOString(),
		actorId: filedBy.userId,
		role: filedBy.role,
		action: 'file',
		fromStepId: null,
		toStepId: step.id,
		status: state.status,
		waiting: null,
		text: null,
		details: {},
		dueOn: state.dueOn
	};
	return { state, audit };
}

/**
 * Applies one action. Returns the new state, its audit entry and the new deadline, or a typed
 * error (403 for acting on a step one does not hold, a stale or skipped step, a transition the
 * definition does not allow; 400 for a missing reason; 409 on a closed case).
 */
export function applyAction(
	definition: RequestTypeDefinition,
	state: CaseState,
	action: CaseAction,
	actor: Actor,
	now: Date,
	calendar: WorkingCalendar
): ActionResult {
	if (state.status !== 'in_progress') return fail('case_closed');
	if (action.stepId !== state.stepId) return fail('not_current_step');

	const at = now.toISOString();
	const stepDue = (step: StepDefinition) => dueDate(now, step.deadlineWorkingDays, calendar);
	const waitDue = (days: number) => addWorkingDays(receivedOn(now, calendar), days, calendar);
	/**
	 * The step's deadline once the wait ends. An agency's wait pauses the step's clock: it resumes with the working
	 * days it had left, and a step already overdue when referred stays due on its old day (a referral does not
	 * excuse a late step). The applicant's answer changes the file, so its reviewer gets a fresh clock.
	 */
	const resumedDue = (waiting: NonNullable<CaseState['waiting']>) => {
		if (waiting.on === 'agency' && waiting.paused) {
			const { stepDueOn, daysLeft } = waiting.paused;
			return daysLeft < 0 ? stepDueOn : waitDue(daysLeft);
		}
		return stepDue(step);
	};
	const done = (next: CaseState, text: string | null, details: Record<string, unknown> = {}): ActionResult => ({
		ok: true,
		state: next,
		dueOn: next.dueOn,
		audit: {
			at,
			actorId: actor.userId,
			role: actor.role,
			action: action.type,
			fromStepId: state.stepId,
			toStepId: next.status === 'in_progress' ? next.stepId : null,
			status: next.status,
			waiting: next.waiting,
			text,
			details,
			dueOn: next.dueOn
		}
	});
	const close = (status: CaseState['status'], text: string | null) =>
		done({ ...state, status, waiting: null, since: at, dueOn: null }, text);

	if (action.type === 'withdraw') {
		if (!isApplicantSide(state, actor) || definition.withdrawable === false) return fail('forbidden');
		return close('withdrawn', action.reason ?? null);
	}

	const step = stepOf(definition, state.stepId);

	if (state.waiting) {
		if (!isHeldBy(definition, state, actor)) return fail('not_your_step');
		const expected = state.waiting.on === 'applicant' ? 'applicant_reply' : 'agency_reply';
		if (action.type !== expected) return fail('transition_not_allowed');
		if (action.type === 'agency_reply' && !hasText(action.reply)) return fail('reason_required');
		if (action.type === 'agency_reply' && action.verdict !== undefined && !isReferralVerdict(action.verdict)) return fail('invalid_action');
		const resumed: CaseState = { ...state, waiting: null, since: at, dueOn: resumedDue(state.waiting) };
		if (action.type === 'agency_reply') return done(resumed, action.reply, { agency: actor.agency, ...(action.verdict ? { verdict: action.verdict } : {}) });
		if (action.type === 'applicant_reply') return done(resumed, action.note ?? null, { documents: action.documents ?? [] });
		return fail('invalid_action');
	}

	if (!holdsStep(step, state, actor)) return fail('not_your_step');
	const transition = step.transitions.find((t) => t.action === action.type);
	if (!transition) return fail('transition_not_allowed');

	switch (action.type) {
		case 'approve': {
			if (transition.action !== 'approve') return fail('invalid_action');
			const to = action.to ?? transition.to[0];
			// Only the definition's next steps: a jump further ahead is a skipped step.
			if (!transition.to.includes(to)) return fail('transition_not_allowed');
			const next = stepOf(definition, to);
			return done(
				{ ...state, stepId: next.id, assigneeId: null, since: at, dueOn: stepDue(next) },
				action.note ?? null
			);
		}
		case 'complete':
			return close('completed', action.note ?? null);
		case 'reject':
			if (!hasText(action.reason)) return fail('reason_required');
			return close('rejected', action.reason);
		case 'return_to_applicant': {
			if (!hasText(action.reason)) return fail('reason_required');
			const waiting = { on: 'applicant' as const, reason: action.reason, documents: [] };
			return done({ ...state, waiting, since: at, dueOn: waitDue(definition.applicantResponseWorkingDays) }, action.reason);
		}
		case 'request_document': {
			if (transition.action !== 'request_document') return fail('invalid_action');
			if (!hasText(action.reason)) return fail('reason_required');
			if (!Array.isArray(action.kinds) || action.kinds.length === 0) return fail('documents_required');
			if (!action.kinds.every((k) => transition.kinds.includes(k))) {
				return fail('transition_not_allowed');
			}
			const waiting = { on: 'applicant' as const, reason: action.reason, documents: [...action.kinds] };
			return done({ ...state, waiting, since: at, dueOn: waitDue(definition.applicantResponseWorkingDays) }, action.reason, {
				documents: action.kinds
			});
		}
		case 'refer_to_agency': {
			if (transition.action !== 'refer_to_agency') return fail('invalid_action');
			if (!transition.agencies.includes(action.agency)) return fail('transition_not_allowed');
			if (!hasText(action.question)) return fail('reason_required');
			const days = action.dueInWorkingDays ?? definition.referralWorkingDays;
			if (!Number.isInteger(days) || days <= 0) return fail('invalid_action');
			// the step's own clock pauses while the agency answers (resumed in `resumedDue`)
			const paused = state.dueOn === null ? undefined : { stepDueOn: state.dueOn, daysLeft: workingDaysBetween(receivedOn(now, calendar), state.dueOn, calendar) };
			const waiting = { on: 'agency' as const, agency: action.agency, question: action.question, ...(paused ? { paused } : {}) };
			return done({ ...state, waiting, since: at, dueOn: waitDue(days) }, action.question, { agency: action.agency });
		}
		default:
			return fail('invalid_action');
	}
}

/** What the citizen reads about where the case is now. */
export function citizenStatus(definition: RequestTypeDefinition, state: CaseState): Bilingual {
	switch (state.status) {
		case 'completed':
			return { fa: 'درخواست شما انجام شد.', en: 'Your request has been completed.' };
		case 'rejected':
			return { fa: 'درخواست شما رد شد؛ علت در سابقه پرونده آمده است.', en: 'Your request was rejected; the reason is in the case timeline.' };
		case 'withdrawn':
			return { fa: 'درخواست را پس گرفته‌اید.', en: 'You withdrew this request.' };
	}
	if (state.waiting?.on === 'applicant') {
		// the officer's own words, in whatever language: isolated (FSI … PDI) so a Persian reason in the English
		// sentence, or an English one in the Persian, keeps its punctuation in place
		const reason = `\u2068${state.waiting.reason}\u2069`;
		return {
			fa: `منتظر پاسخ شما: ${reason}`,
			en: `Waiting for your answer: ${reason}`
		};
	}
	if (state.waiting?.on === 'agency') {
		return { fa: 'در انتظار پاسخ استعلام از دستگاه مربوط.', en: 'Waiting for the referred agency to answer.' };
	}
	return stepOf(definition, state.stepId).citizenView;
}
