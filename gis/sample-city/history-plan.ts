/**
 * A SAMPLE year of requests for the sample city («نمونه — sample»), planned in memory: each case is
 * filed on a working morning of the past year and walked through its request type with the real
 * state machine (src/lib/server/workflows), so every row is one the app could have written — the
 * same steps, holders, deadlines and audit entries. Staff keep or miss deadlines at a rate that
 * differs by district, applicants take their time, some cases are returned, referred to agencies,
 * rejected or withdrawn, and whatever would happen after `now` has not happened yet: those cases
 * are open, waiting in the cartables of the demo accounts. Deterministic for a seed (./prng.ts).
 */
import {
	applyAction,
	automaticTransition,
	startCase,
	stepOf,
	type Actor,
	type AuditEntry,
	type CaseAction,
	type CaseState,
	type RequestTypeDefinition,
	type StepDefinition,
	HELD_BECAUSE,
	joinedText,
	systemLine,
	SYSTEM_ROLE
} from '../../src/lib/server/workflows';
import { assess, TariffError, type Assessment, type TariffBook } from '../../src/lib/domain/fees';
import type { InputValue } from '../../src/lib/domain/formula';
import { REQUEST_TYPES, requestTypeById } from '../../src/lib/server/workflows/registry';
import type { AgencyKind } from '../../src/lib/server/workflows/roles';
import { addWorkingDays, receivedOn, tehranDate, type WorkingCalendar } from '../../src/lib/domain/working-days';
import { randomFor, type Random } from './prng';

export interface HistoryParcel {
	id: number;
	districtId: number;
	areaM2: number;
	built: boolean;
	/** The charged use its zone gives it (permits/parcel-fee-inputs.ts), residential when not given. */
	use?: string;
	/** The zone value P of that use (rial/m²) in the book's year; none: the fee step cannot assess by itself. */
	p?: number | null;
	/** The base density of its zone (%), which a permit's fees read. */
	densityPct?: number | null;
	/** In the heritage buffer: a permit's district review asks the cultural heritage agency first. */
	heritage?: boolean;
}

/** The overlay kind whose parcels' permits the cultural heritage agency answers on before the district review passes. */
export const HERITAGE_OVERLAY = 'heritage_buffer';
/** The SAMPLE heritage agency's answer on a parcel in its buffer. */
export const HERITAGE_REPLY = 'نمونه — sample: با رعایت ضوابط حریم میراث (حداکثر ۹ متر و دو طبقه، نمای آجری) بلامانع است.';

export interface HistoryStaff {
	/** district id → the district officer's user id */
	officers: Map<number, number>;
	/** district id → an inspector's user id (the pilot district's in the demo accounts) */
	inspectors: Map<number, number>;
	planner: number | null;
	supervisor: number | null;
	/** The engineering office's technical representative, who files building permits for owners (a power of attorney). */
	engineer: number | null;
	agencies: Map<AgencyKind, number>;
}

export interface PlannedEvent {
	audit: AuditEntry;
	extra: Record<string, unknown>;
}

export interface PlannedCase {
	parcel: HistoryParcel;
	definition: RequestTypeDefinition;
	applicantId: number;
	/** Filed for the applicant by the engineering office's representative (power of attorney accepted). */
	representativeId?: number;
	filedAt: Date;
	state: CaseState;
	closingText: string | null;
	events: PlannedEvent[];
	tasks: { kind: 'document' | 'correction'; prompt: string; documentKinds: string[]; step: string; by: number; at: Date; dueOn: string | null; answeredAt: Date | null }[];
	referrals: { agency: AgencyKind; question: string; step: string; by: number; at: Date; dueOn: string; repliedBy: number | null; repliedAt: Date | null; reply: string | null }[];
	/**
	 * The fee bill assessed at fee_calculation (by the system, `by` null, where the step is automated:
	 * then from the book with its inputs and lines), paid at payment.
	 */
	fee: { totalRial: number; issuedAt: Date; by: number | null; paidAt: Date | null; inputs?: Record<string, InputValue>; assessment?: Assessment } | null;
	/** A building permit issued on completion: the floor area it allows. */
	permit: { floors: number; floorAreaM2: number; issuedOn: string } | null;
	/** The storeys the permit's fees were assessed for, so the permit allows the same. */
	permitFloors?: number;
	/** A two-stage permit's walk as it reached the zoning statement (see holdAtZoningStatement). */
	atZoningStatement?: Checkpoint;
}

/** How often a request type is filed; building permits want an unbuilt parcel, the rest a building. */
const TYPE_WEIGHTS: { id: string; weight: number; built: boolean }[] = [
	{ id: 'building_permit_new', weight: 34, built: false },
	{ id: 'building_permit_extension', weight: 8, built: true },
	{ id: 'non_violation_certificate', weight: 10, built: true },
	{ id: 'minor_repairs_certificate', weight: 6, built: true },
	{ id: 'rough_construction_certificate', weight: 5, built: true },
	{ id: 'completion_certificate', weight: 6, built: true },
	{ id: 'bank_inquiry', weight: 11, built: true },
	{ id: 'notary_inquiry', weight: 10, built: true },
	{ id: 'transfer_request', weight: 10, built: true }
];

const REASONS = [
	'تصویر سند خوانا نیست؛ لطفاً نسخهٔ واضح‌تری بارگذاری کنید.',
	'نشانی و کد نوسازی فرم با سند مطابقت ندارد؛ اصلاح کنید.',
	'مساحت اعلامی با نقشهٔ برداری تفاوت دارد.',
	'وکالت‌نامه برای این درخواست کافی نیست.'
];
const QUESTIONS: Record<AgencyKind, string> = {
	cultural_heritage: 'آیا پلاک در حریم بنای ثبت‌شده قرار دارد؟',
	official_experts: 'ارزش روز ملک و انطباق بنا با پروانه را اعلام کنید.',
	deeds_registry: 'وضعیت سند و بازداشت پلاک را اعلام کنید.',
	education: 'آیا پلاک در محدودهٔ طرح آموزشی است؟',
	utilities: 'آیا انشعاب‌های آب، برق و گاز قابل واگذاری است؟'
};
const REPLIES = ['مانعی ندارد.', 'با رعایت ضوابط حریم بلامانع است.', 'بررسی شد؛ ایرادی مشاهده نشد.'];
const REJECTIONS = ['درخواست با ضوابط طرح تفصیلی مغایر است.', 'مالکیت متقاضی احراز نشد.', 'پلاک در طرح تعریض قرار دارد و ساخت ممکن نیست.'];

const HOUR = 3_600_000;

/** An instant on a Tehran working day, `workingDays` after the day `since` was received, during office hours. */
function workingMoment(since: Date, workingDays: number, calendar: WorkingCalendar, rnd: Random): Date {
	const day = addWorkingDays(receivedOn(since, calendar), workingDays, calendar);
	// 08:00–13:30 Tehran (UTC+03:30) = 04:30–10:00 UTC
	const at = new Date(`${day}T04:30:00Z`).getTime() + rnd.int(0, 66) * 5 * 60_000;
	return new Date(Math.max(at, since.getTime() + HOUR / 4));
}

export interface HistoryOptions {
	seed: number;
	now: Date;
	calendar: WorkingCalendar;
	parcels: HistoryParcel[];
	applicants: number[];
	staff: HistoryStaff;
	/** Cases to file over the year. */
	cases: number;
	/** The tariff book the automated fee steps assess from; none: they are held for the officer. */
	book?: TariffBook | null;
}

class Walker {
	constructor(
		private readonly staff: HistoryStaff,
		private readonly districtId: number
	) {}

	/** The actor who holds a step (or the wait) of this case, or null when the demo city has nobody in that role. */
	actorFor(state: CaseState, definition: RequestTypeDefinition, applicantId: number): Actor | null {
		if (state.waiting?.on === 'applicant') return { userId: String(applicantId), role: 'citizen' };
		if (state.waiting?.on === 'agency') return this.agency(state.waiting.agency);
		return this.holderOf(stepOf(definition, state.stepId), applicantId);
	}

	holderOf(step: StepDefinition, applicantId: number): Actor | null {
		const h = step.holder;
		if (h.role === 'applicant') return { userId: String(applicantId), role: 'citizen' };
		if (h.role === 'agency') return this.agency(h.agency);
		const id =
			h.role === 'district_officer' ? this.staff.officers.get(this.districtId)
			: h.role === 'inspector' ? this.staff.inspectors.get(this.districtId)
			: h.role === 'planner' ? this.staff.planner
			: h.role === 'supervising_engineer' ? this.staff.supervisor
			: undefined;
		return id ? { userId: String(id), role: h.role, districtIds: [this.districtId] } : null;
	}

	agency(kind: AgencyKind): Actor | null {
		const id = this.staff.agencies.get(kind);
		return id ? { userId: String(id), role: 'agency', agency: kind } : null;
	}

	/** Whether every step on the usual path has someone to act on it in this district. */
	feasible(definition: RequestTypeDefinition): boolean {
		let step = stepOf(definition, definition.initialStep);
		for (let guard = 0; guard < 20; guard++) {
			if (!this.holderOf(step, 0)) return false;
			const approve = step.transitions.find((t) => t.action === 'approve');
			if (!approve || approve.action !== 'approve') return true;
			const next = approve.to.find((id) => this.holderOf(stepOf(definition, id), 0));
			if (!next) return false;
			step = stepOf(definition, next);
		}
		return true;
	}
}

/** Plans the year; the loader stores it. */
export function planHistory(opts: HistoryOptions): PlannedCase[] {
	const rnd = randomFor(opts.seed, 'history');
	const { calendar, now } = opts;
	const yearMs = 365 * 24 * HOUR;
	const pools = { built: shuffled(opts.parcels.filter((p) => p.built), rnd), unbuilt: shuffled(opts.parcels.filter((p) => !p.built), rnd) };
	// each district keeps deadlines at its own rate: the choropleth has something to tell
	const lateness = new Map<number, number>();
	for (const p of opts.parcels) if (!lateness.has(p.districtId)) lateness.set(p.districtId, randomFor(opts.seed, 'late', p.districtId).range(0.05, 0.35));
	const total = TYPE_WEIGHTS.reduce((s, t) => s + t.weight, 0);
	const planned: PlannedCase[] = [];

	for (let i = 0; i < opts.cases; i++) {
		const r = randomFor(opts.seed, 'case', i);
		let pick = r.next() * total;
		const type = TYPE_WEIGHTS.find((t) => (pick -= t.weight) < 0) ?? TYPE_WEIGHTS[0];
		const pool = type.built ? pools.built : pools.unbuilt;
		const parcel = pool.pop();
		if (!parcel) continue;
		const definition = requestTypeById(type.id)!;
		const walker = new Walker(opts.staff, parcel.districtId);
		if (!walker.feasible(definition)) continue;
		// more filings in spring and summer, fewer over Nowruz; the newest days fill the cartables
		const age = Math.pow(r.next(), 1.15) * yearMs;
		const filedAt = workingMoment(new Date(now.getTime() - age), 0, calendar, r);
		if (filedAt >= now) continue;
		const applicantId = r.pick(opts.applicants);
		planned.push(walk(definition, parcel, applicantId, filedAt, walker, r, lateness.get(parcel.districtId)!, opts));
	}
	planned.push(...showcases(opts, pools));
	byEngineeringOffice(planned, opts);
	return planned.sort((a, b) => a.filedAt.getTime() - b.filedAt.getTime());
}

/**
 * Owners often have their engineering office file a building permit for them: about one building
 * permit in five goes through the demo engineer, open ones among them, so that account has cases
 * to follow. Its own random stream: the rest of the history stays as the seed made it.
 */
function byEngineeringOffice(planned: PlannedCase[], opts: HistoryOptions): void {
	const engineer = opts.staff.engineer;
	if (engineer === null) return;
	planned.forEach((c, i) => {
		if (c.definition.family === 'building_permit' && randomFor(opts.seed, 'representative', i).next() < 0.2) c.representativeId = engineer;
	});
}

/**
 * Open cases at every step of the building permit flow, an agency referral and a supervisor's
 * report, in the busiest district that has an inspector, so each demo role finds work in its
 * cartable whatever the random year left open; and in every other district with parcels, one
 * request waiting for its officer and one for its inspector (each district's demo accounts too).
 */
function showcases(opts: HistoryOptions, pools: { built: HistoryParcel[]; unbuilt: HistoryParcel[] }): PlannedCase[] {
	// the district with the most unbuilt parcels among those with an inspector
	const counts = new Map<number, number>();
	for (const p of pools.unbuilt) if (opts.staff.inspectors.has(p.districtId)) counts.set(p.districtId, (counts.get(p.districtId) ?? 0) + 1);
	const pilot = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
	if (pilot === undefined) return [];
	const take = (built: boolean) => {
		const pool = built ? pools.built : pools.unbuilt;
		const i = pool.findIndex((p) => p.districtId === pilot);
		return i < 0 ? null : pool.splice(i, 1)[0];
	};
	const scripts: { type: string; built: boolean; script: Script }[] = [
		...BUILDING_PERMIT_STEPS.map((stopAt) => ({ type: 'building_permit_new', built: false, script: { stopAt } })),
		{ type: 'building_permit_new', built: false, script: { stopAt: 'district_review', refer: 'cultural_heritage' as const } },
		{ type: 'transfer_request', built: true, script: { stopAt: 'district_review', refer: 'deeds_registry' as const } },
		// a bill the system assessed from the parcel, waiting for the applicant to pay it (held at the fee step instead where the parcel has no zone value)
		{ type: 'transfer_request', built: true, script: { stopAt: 'payment' } },
		{ type: 'rough_construction_certificate', built: true, script: { stopAt: 'supervisor_report' } }
	];
	const out: PlannedCase[] = [];
	scripts.forEach(({ type, built, script }, i) => {
		const parcel = take(built);
		const definition = requestTypeById(type)!;
		const walker = new Walker(opts.staff, pilot);
		if (!parcel || !walker.feasible(definition)) return;
		const r = randomFor(opts.seed, 'showcase', i);
		const filedAt = workingMoment(new Date(opts.now.getTime() - r.int(12, 20) * 24 * HOUR), 0, opts.calendar, r);
		out.push(walk(definition, parcel, r.pick(opts.applicants), filedAt, walker, r, 0, opts, script));
	});
	const others = [...new Set(opts.parcels.map((p) => p.districtId))].filter((d) => d !== pilot).sort((a, b) => a - b);
	for (const district of others) {
		const walker = new Walker(opts.staff, district);
		const definition = requestTypeById('building_permit_new')!;
		if (!walker.feasible(definition)) continue;
		(['district_review', 'site_inspection'] as const).forEach((stopAt, i) => {
			// a step only where someone holds it in this district
			if (!(stopAt === 'district_review' ? opts.staff.officers : opts.staff.inspectors).has(district)) return;
			const at = pools.unbuilt.findIndex((p) => p.districtId === district);
			if (at < 0) return;
			const parcel = pools.unbuilt.splice(at, 1)[0];
			const r = randomFor(opts.seed, 'district-showcase', district * 10 + i);
			const filedAt = workingMoment(new Date(opts.now.getTime() - r.int(3, 9) * 24 * HOUR), 0, opts.calendar, r);
			out.push(walk(definition, parcel, r.pick(opts.applicants), filedAt, walker, r, 0, opts, { stopAt }));
		});
	}
	return out;
}

/**
 * The building permit steps the showcase leaves a case at. Past the drawings the live system works a
 * two-stage permit from records the history does not make (see PAST_THE_DRAWINGS): its showcases
 * there — a proposal the rule check refused, a bill to pay — are worked through the real services
 * (src/lib/server/permits/sample-permits.ts).
 */
const BUILDING_PERMIT_STEPS = ['district_review', 'site_inspection', 'zoning_statement', 'drawings_submission'];

/**
 * The automated steps of a two-stage permit after the drawings (workflows/definitions/building-permits.ts):
 * the rule check of the applicant's proposal, the fees assessed from it, their payment and the permit
 * issued on it. The history makes no drawings, proposal or permit document, so a case left open at one
 * of them could not be carried on (nobody may approve such a step while what it checks is missing): a
 * walk that would end there is cut back to where the case waits for the applicant's drawings and
 * proposal, from which the live system takes it all the way to the permit.
 */
const PAST_THE_DRAWINGS = new Set(['proposal_check', 'fee_assessment', 'payment', 'permit_issue']);

/** What a walk had when it reached the drawings step (arrays by length: they only grow). */
interface Checkpoint {
	state: CaseState;
	events: number;
	tasks: number;
	referrals: number;
}

function shuffled<T>(items: T[], rnd: Random): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rnd.next() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

function walk(
	definition: RequestTypeDefinition,
	parcel: HistoryParcel,
	applicantId: number,
	filedAt: Date,
	walker: Walker,
	r: Random,
	lateRate: number,
	{ calendar, now, book }: HistoryOptions,
	script: Script | null = null
): PlannedCase {
	const applicant: Actor = { userId: String(applicantId), role: 'citizen' };
	const started = startCase(definition, { applicantId: String(applicantId), representativeId: null, districtId: parcel.districtId }, applicant, filedAt, calendar);
	const plan: PlannedCase = {
		parcel,
		definition,
		applicantId,
		filedAt,
		state: started.state,
		closingText: null,
		events: [{ audit: started.audit, extra: { sample: true, filedOnline: true, documentIds: [] } }],
		tasks: [],
		referrals: [],
		fee: null,
		permit: null
	};
	// the filing step is submitted at once, as the request form does
	const submitted = applyAction(definition, started.state, { type: 'approve', stepId: started.state.stepId }, applicant, filedAt, calendar);
	if (!submitted.ok) throw new Error(`sample history: ${definition.id} cannot be submitted (${(submitted as { error: { code: string } }).error.code})`);
	plan.state = submitted.state;
	plan.events.push({ audit: submitted.audit, extra: { sample: true } });

	const detoured = new Set<string>();
	let atDrawings: Checkpoint | null = null;
	for (let guard = 0; guard < 40 && plan.state.status === 'in_progress'; guard++) {
		const state = plan.state;
		if (script && state.stepId === script.stopAt && (script.refer ? state.waiting?.on === 'agency' : !state.waiting)) break;
		const step = stepOf(definition, state.stepId);
		if (step.automation?.kind === 'plans_and_proposal' && !atDrawings) atDrawings = checkpoint(plan);
		if (step.automation?.kind === 'zoning_statement' && !plan.atZoningStatement) plan.atZoningStatement = checkpoint(plan);
		const automation = state.waiting ? undefined : step.automation;
		if (automation?.kind === 'fee_assessment' && automation.from === 'parcel') {
			// the system assesses as the case enters the step, as permits/automation.service does
			if (!assessBySystem(plan, book ?? null, automation.requestKind, calendar)) break; // held: it waits for the officer
			continue;
		}
		const actor = walker.actorFor(state, definition, applicantId);
		if (!actor) break;
		const since = new Date(state.since);
		const applicantSide = actor.role === 'citizen';
		const deadline = state.waiting ? definition.applicantResponseWorkingDays : step.deadlineWorkingDays;
		const days = script
			? r.int(0, 1)
			: applicantSide
			? r.int(0, Math.max(1, Math.round(deadline * 0.8)))
			: r.chance(lateRate)
				? deadline + r.int(1, 8)
				: r.int(0, deadline);
		const at = workingMoment(since, days, calendar, r);
		if (at >= now) break; // not happened yet: the case waits here
		if (!script && applicantSide && !state.waiting && r.chance(0.015)) {
			apply(plan, { type: 'withdraw', stepId: state.stepId, reason: 'متقاضی از درخواست انصراف داد.' }, actor, at, calendar);
			break;
		}
		const action =
			heritageReferral(plan, state, step, walker, detoured) ??
			(script ? scriptedAction(state, step, script, detoured) : chooseAction(state, step, actor, r, detoured, walker, applicantId));
		if (automation?.kind === 'payment' && action.type === 'approve' && plan.fee) {
			// the applicant pays the bill; the step moves on by itself once the payment is verified
			plan.fee.paidAt = at;
			system(plan, at, calendar, { fa: 'پرداخت عوارض تأیید شد.', en: 'The fee payment was verified.' });
			continue;
		}
		apply(plan, action, actor, at, calendar);
		bookkeeping(plan, state, action, actor, at, r, book ?? null);
	}
	const resting = plan.state.status === 'in_progress' ? stepOf(definition, plan.state.stepId).automation : undefined;
	// still waiting for the drawings and proposal (see PAST_THE_DRAWINGS)
	if (atDrawings && resting && PAST_THE_DRAWINGS.has(resting.kind)) rewind(plan, atDrawings);
	return plan;
}

function checkpoint(plan: PlannedCase): Checkpoint {
	return { state: plan.state, events: plan.events.length, tasks: plan.tasks.length, referrals: plan.referrals.length };
}

function rewind(plan: PlannedCase, to: Checkpoint): void {
	plan.state = to.state;
	plan.events.length = to.events;
	plan.tasks.length = to.tasks;
	plan.referrals.length = to.referrals;
	plan.fee = null;
	delete plan.permitFloors;
}

/**
 * An open two-stage permit past its zoning statement on a parcel the rule book has no rules for
 * (the loader asks permits/stages.service's zoningRulesOf): live, the statement could not have been
 * issued, by the system or the planner. The walk goes back to where it reached that step and the
 * timeline says why, as automation.service holds it: the case waits for the planner.
 */
export function holdAtZoningStatement(plan: PlannedCase, problem: { fa: string; en: string }): void {
	const at = plan.atZoningStatement;
	if (!at) throw new Error(`sample history: ${plan.definition.id} has no zoning statement step to hold at`);
	rewind(plan, at);
	held(plan, plan.state.since, HELD_BECAUSE.zoning_statement, problem);
}

/** The timeline's «automation_held» at the current step, as automation.service records it: the system could not, and says why. */
function held(plan: PlannedCase, at: string, because: { fa: string; en: string }, why: { fa: string; en: string }): void {
	const s = plan.state;
	const text = systemLine(joinedText([because, why]));
	plan.events.push({
		audit: {
			at,
			actorId: '',
			role: SYSTEM_ROLE as AuditEntry['role'],
			action: 'automation_held' as AuditEntry['action'],
			fromStepId: s.stepId,
			toStepId: s.stepId,
			status: s.status,
			waiting: null,
			text,
			details: { automatic: true, step: s.stepId },
			dueOn: s.dueOn
		},
		extra: { sample: true }
	});
}

/** A showcase case: the usual path, straight to `stopAt` (optionally referred to an agency there first). */
interface Script {
	stopAt: string;
	refer?: AgencyKind;
}

/**
 * A building permit on a parcel in the heritage buffer: its district review passes only with the
 * cultural heritage agency's answer (the live rule), so the officer refers it there first.
 */
function heritageReferral(plan: PlannedCase, state: CaseState, step: StepDefinition, walker: Walker, detoured: Set<string>): CaseAction | null {
	if (state.waiting || state.stepId !== 'district_review' || !plan.parcel.heritage || plan.definition.family !== 'building_permit') return null;
	if (plan.referrals.some((r) => r.agency === 'cultural_heritage')) return null;
	const refer = step.transitions.find((t) => t.action === 'refer_to_agency');
	if (!refer || refer.action !== 'refer_to_agency' || !refer.agencies.includes('cultural_heritage') || !walker.agency('cultural_heritage')) return null;
	detoured.add(state.stepId);
	return { type: 'refer_to_agency', stepId: state.stepId, agency: 'cultural_heritage', question: QUESTIONS.cultural_heritage };
}

function scriptedAction(state: CaseState, step: StepDefinition, script: Script, detoured: Set<string>): CaseAction {
	const stepId = state.stepId;
	if (state.waiting?.on === 'applicant') return { type: 'applicant_reply', stepId, documents: [] };
	if (state.waiting?.on === 'agency') return { type: 'agency_reply', stepId, reply: state.waiting.agency === 'cultural_heritage' ? HERITAGE_REPLY : REPLIES[0] };
	if (script.refer && stepId === script.stopAt && !detoured.has(stepId)) {
		detoured.add(stepId);
		return { type: 'refer_to_agency', stepId, agency: script.refer, question: QUESTIONS[script.refer] };
	}
	if (step.transitions.some((t) => t.action === 'complete')) return { type: 'complete', stepId };
	return { type: 'approve', stepId };
}

function chooseAction(state: CaseState, step: StepDefinition, actor: Actor, r: Random, detoured: Set<string>, walker: Walker, applicantId: number): CaseAction {
	const stepId = state.stepId;
	if (state.waiting?.on === 'applicant') return { type: 'applicant_reply', stepId, note: 'مدارک خواسته‌شده بارگذاری شد.', documents: [] };
	if (state.waiting?.on === 'agency') return { type: 'agency_reply', stepId, reply: state.waiting.agency === 'cultural_heritage' ? HERITAGE_REPLY : r.pick(REPLIES) };
	const can = (a: string) => step.transitions.find((t) => t.action === a);
	if (actor.role !== 'citizen' && !detoured.has(stepId)) {
		const roll = r.next();
		const refer = can('refer_to_agency');
		if (roll < 0.06 && can('request_document')) {
			detoured.add(stepId);
			const t = can('request_document')!;
			return { type: 'request_document', stepId, kinds: t.action === 'request_document' ? [t.kinds[0]] : [], reason: r.pick(REASONS) };
		}
		if (roll < 0.1 && can('return_to_applicant')) {
			detoured.add(stepId);
			return { type: 'return_to_applicant', stepId, reason: r.pick(REASONS) };
		}
		if (roll < 0.16 && refer && refer.action === 'refer_to_agency') {
			const agency = refer.agencies.find((a) => walker.agency(a));
			if (agency) {
				detoured.add(stepId);
				return { type: 'refer_to_agency', stepId, agency, question: QUESTIONS[agency] };
			}
		}
		if (roll < 0.2 && can('reject')) return { type: 'reject', stepId, reason: r.pick(REJECTIONS) };
	}
	if (can('complete')) return { type: 'complete', stepId };
	const approve = can('approve');
	if (approve && approve.action === 'approve') {
		// a choice of next steps: sometimes the second one, when someone holds it in this district
		const holders = approve.to.filter((id) => walker.holderOf(stepOf(walkerDefinition(state), id), applicantId));
		const to = holders.length > 1 && r.chance(0.5) ? holders[1] : holders[0];
		return { type: 'approve', stepId, to };
	}
	return { type: 'reject', stepId, reason: r.pick(REJECTIONS) };
}

const walkerDefinition = (state: CaseState) => requestTypeById(state.requestTypeId)!;

function apply(plan: PlannedCase, action: CaseAction, actor: Actor, at: Date, calendar: WorkingCalendar): void {
	const result = applyAction(plan.definition, plan.state, action, actor, at, calendar);
	if (!result.ok) throw new Error(`sample history: ${action.type} on ${plan.definition.id}/${plan.state.stepId} refused (${(result as { error: { code: string } }).error.code})`);
	plan.state = result.state;
	plan.events.push({ audit: result.audit, extra: { sample: true } });
	if (result.state.status !== 'in_progress') plan.closingText = result.audit.text;
}

/** The system's approval of the current step (its usual next step), recorded as permits/automation.service records it. */
function system(plan: PlannedCase, at: Date, calendar: WorkingCalendar, text: { fa: string; en: string }, details: Record<string, unknown> = {}): void {
	const moved = automaticTransition(plan.definition, plan.state, at, calendar, systemLine(text), details);
	if (!moved) throw new Error(`sample history: ${plan.definition.id}/${plan.state.stepId} cannot move on by itself`);
	plan.state = moved.state;
	plan.events.push({ audit: moved.audit, extra: { sample: true } });
}

/**
 * The automated fee step of a request without a proposal: the fees of `requestKind` assessed from
 * the book with the parcel's inputs (land area, use, P) and billed; nothing due passes payment too.
 * Without a book or a zone value the system cannot: the timeline says why and the case waits for
 * the district officer (false).
 */
function assessBySystem(plan: PlannedCase, book: TariffBook | null, requestKind: string, calendar: WorkingCalendar): boolean {
	const at = new Date(plan.state.since);
	const inputs: Record<string, InputValue> = { use: plan.parcel.use ?? 'residential', land_area: Math.round(plan.parcel.areaM2 * 100) / 100 };
	let assessment: Assessment | null = null;
	if (book && plan.parcel.p != null) {
		inputs.P = plan.parcel.p;
		try {
			assessment = assess(book, inputs, { request_kind: requestKind });
		} catch (err) {
			if (!(err instanceof TariffError)) throw err;
		}
	}
	if (!assessment) {
		const why = !book
			? { fa: 'هیچ کتاب تعرفه‌ای در حال اجرا نیست.', en: 'No tariff book is in force.' }
			: { fa: 'قیمت منطقه‌ای این پلاک در لایهٔ ارزش معاملاتی نیست.', en: 'The zone value of this parcel is not in the zone values layer.' };
		held(plan, at.toISOString(), HELD_BECAUSE.fee_assessment, why);
		return false;
	}
	plan.fee = { totalRial: assessment.total_rial, issuedAt: at, by: null, paidAt: null, inputs, assessment };
	system(plan, at, calendar, { fa: 'عوارض از تعرفهٔ مصوب محاسبه و فیش صادر شد.', en: 'The fees were assessed from the approved tariff and billed.' });
	if (assessment.total_rial === 0 && plan.state.status === 'in_progress') system(plan, at, calendar, { fa: 'پرداخت عوارض تأیید شد.', en: 'The fee payment was verified.' });
	return true;
}

/**
 * A permit's fees from the book, for the building the history gives it: `floors` residential storeys
 * (of the parcel's use) on 60 % of the parcel, a unit a floor, within its zone's base density.
 * Null when the book cannot assess (no book, no zone value or density).
 */
function permitFee(plan: PlannedCase, floors: number, book: TariffBook | null): PlannedCase['fee'] {
	const { p, densityPct, areaM2, use } = plan.parcel;
	if (!book || p == null || densityPct == null) return null;
	const inputs: Record<string, InputValue> = {
		use: use ?? 'residential',
		floor_area: Math.round(areaM2 * 0.6 * floors * 10) / 10,
		units: floors,
		net_land_area: Math.round(areaM2 * 100) / 100,
		base_density_pct: densityPct,
		P: p
	};
	try {
		const assessment = assess(book, inputs, { request_kind: 'building_permit' });
		return { totalRial: assessment.total_rial, issuedAt: new Date(0), by: null, paidAt: null, inputs, assessment };
	} catch (err) {
		if (err instanceof TariffError) return null;
		throw err;
	}
}

/** Where the book cannot price a permit in the history: a plausible sum (a parcel without zone values, a test's plan without a book). */
function inventedFee(plan: PlannedCase, r: Random): { totalRial: number } {
	const perM2 = r.int(900, 2600) * 1000;
	const area = Math.round(plan.parcel.areaM2 * r.range(1.2, 2.6));
	return { totalRial: Math.round((area * perM2) / 1000) * 1000 };
}

/** What a transition leaves besides the case: tasks, referrals, the bill and its payment, the permit. */
function bookkeeping(plan: PlannedCase, before: CaseState, action: CaseAction, actor: Actor, at: Date, r: Random, book: TariffBook | null): void {
	const by = Number(actor.userId);
	const after = plan.state;
	if (action.type === 'request_document' || action.type === 'return_to_applicant') {
		plan.tasks.push({
			kind: action.type === 'request_document' ? 'document' : 'correction',
			prompt: action.reason,
			documentKinds: action.type === 'request_document' ? action.kinds : [],
			step: before.stepId,
			by,
			at,
			dueOn: after.dueOn,
			answeredAt: null
		});
	} else if (action.type === 'applicant_reply') {
		const task = plan.tasks.at(-1);
		if (task) task.answeredAt = at;
	} else if (action.type === 'refer_to_agency') {
		plan.referrals.push({ agency: action.agency, question: action.question, step: before.stepId, by, at, dueOn: after.dueOn!, repliedBy: null, repliedAt: null, reply: null });
	} else if (action.type === 'agency_reply') {
		const referral = plan.referrals.at(-1);
		if (referral) Object.assign(referral, { repliedBy: by, repliedAt: at, reply: action.reply });
	} else if (action.type === 'approve' && before.stepId === 'fee_calculation') {
		plan.permitFloors = r.int(2, 5);
		plan.fee = permitFee(plan, plan.permitFloors, book) ?? { ...inventedFee(plan, r), issuedAt: at, by, paidAt: null };
		Object.assign(plan.fee, { issuedAt: at, by });
	} else if (action.type === 'approve' && before.stepId === 'payment' && plan.fee) {
		plan.fee.paidAt = at;
	}
	if (action.type === 'complete' && plan.definition.issues === 'building_permit') {
		const floors = plan.permitFloors ?? r.int(2, 5);
		plan.permit = { floors, floorAreaM2: Math.round(plan.parcel.areaM2 * 0.6 * floors * 10) / 10, issuedOn: tehranDate(at) };
	}
}

/** Request types the history files (all are in the registry). */
export const HISTORY_TYPES = TYPE_WEIGHTS.map((t) => t.id).filter((id) => REQUEST_TYPES.some((t) => t.id === id));
