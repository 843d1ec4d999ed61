import { describe, expect, it } from 'vitest';
import { municipalCalendar } from '../calendar';
import { requestTypeById } from './registry';
import { applyAction, availableActions, citizenStatus, startCase } from './state-machine';
import { movedText } from '../cases/notifications';
import type { ActionResult, Actor, CaseAction, CaseState, RequestTypeDefinition } from './types';

const permit = requestTypeById('building_permit_new')!;
const renewal = requestTypeById('building_permit_renewal')!;
const calendar = municipalCalendar();
const tehran = (local: string) => new Date(`${local}+03:30`);

const citizen: Actor = { userId: 'c1', role: 'citizen' };
const otherCitizen: Actor = { userId: 'c2', role: 'citizen' };
const engineeringOffice: Actor = { userId: 'r1', role: 'representative' };
const officer: Actor = { userId: 'o3', role: 'district_officer', districtIds: [3] };
const colleague: Actor = { userId: 'o3b', role: 'district_officer', districtIds: [3] };
const otherDistrictOfficer: Actor = { userId: 'o4', role: 'district_officer', districtIds: [4] };
const inspector: Actor = { userId: 'i3', role: 'inspector', districtIds: [3] };
const planner: Actor = { userId: 'p1', role: 'planner' };
const heritage: Actor = { userId: 'a1', role: 'agency', agency: 'cultural_heritage' };
const education: Actor = { userId: 'a2', role: 'agency', agency: 'education' };

function filed(definition: RequestTypeDefinition = permit, at = tehran('2025-05-31T10:00')): CaseState {
	return startCase(definition, { applicantId: 'c1', representativeId: 'r1', districtId: 3 }, citizen, at, calendar).state;
}

function ok(result: ActionResult): Extract<ActionResult, { ok: true }> {
	if (!result.ok) throw new Error(`expected success, got ${result.error.code}`);
	return result;
}

function act(def: RequestTypeDefinition, state: CaseState, action: CaseAction, actor: Actor, at: string) {
	return applyAction(def, state, action, actor, tehran(at), calendar);
}

/** A permit case submitted on Tuesday 2025-06-03 10:00, now at the district officer. */
function atDistrictReview(): CaseState {
	return ok(act(permit, filed(), { stepId: 'filing', type: 'approve' }, citizen, '2025-06-03T10:00')).state;
}

describe('startCase', () => {
	it('opens the case at the filing step with its clock running', () => {
		const { state, audit } = startCase(permit, { applicantId: 'c1', representativeId: null, districtId: 3 }, citizen, tehran('2025-05-31T10:00'), calendar);
		expect(state).toMatchObject({ status: 'in_progress', stepId: 'filing', waiting: null, dueOn: '2025-06-16' }); // 10 working days; Sat 14 June is Eid al-Ghadir
		expect(audit).toMatchObject({ action: 'file', actorId: 'c1', toStepId: 'filing' });
	});
});

describe('deadlines in working days', () => {
	it('counts the district review across 14–16 Khordad and the weekend', () => {
		// Tue 3 June: Wed–Fri are holidays or off → Sat 7, Sun 8, Mon 9
		const state = atDistrictReview();
		expect(state).toMatchObject({ stepId: 'district_review', dueOn: '2025-06-09' });
	});

	it('gives the citizen their own clock for a requested document and restarts the officer’s when they answer', () => {
		const asked = ok(
			act(permit, atDistrictReview(), { stepId: 'district_review', type: 'request_document', kinds: ['power_of_attorney'], reason: 'وکالت‌نامه امضا ندارد' }, officer, '2025-06-07T09:00')
		);
		expect(asked.state.waiting).toEqual({ on: 'applicant', reason: 'وکالت‌نامه امضا ندارد', documents: ['power_of_attorney'] });
		expect(asked.dueOn).toBe('2025-06-29'); // 15 working days from Sat 7 June (Thursdays, Fridays off)
		const answered = ok(act(permit, asked.state, { stepId: 'district_review', type: 'applicant_reply', documents: ['power_of_attorney'] }, engineeringOffice, '2025-06-08T11:00'));
		expect(answered.state).toMatchObject({ waiting: null, stepId: 'district_review', dueOn: '2025-06-11' });
	});
});

describe('the permit story', () => {
	it('goes from filing to issue, through a document request and a referral to Cultural Heritage', () => {
		let state = atDistrictReview();
		const step = (action: CaseAction, actor: Actor, at: string) => {
			const result = ok(act(permit, state, action, actor, at));
			state = result.state;
			return result;
		};
		step({ stepId: 'district_review', type: 'request_document', kinds: ['deed'], reason: 'تصویر سند خوانا نیست' }, officer, '2025-06-07T09:00');
		step({ stepId: 'district_review', type: 'applicant_reply', documents: ['deed'] }, citizen, '2025-06-08T09:00');
		const referral = step({ stepId: 'district_review', type: 'refer_to_agency', agency: 'cultural_heritage', question: 'ملک در حریم بنای تاریخی است؟', dueInWorkingDays: 5 }, officer, '2025-06-08T10:00');
		expect(referral.state.waiting).toMatchObject({ on: 'agency', agency: 'cultural_heritage' });
		expect(referral.dueOn).toBe('2025-06-16'); // Sun 8 + 5 working days: Thu 12, Fri 13 off, Sat 14 Ghadir
		expect(citizenStatus(permit, state).en).toContain('agency');
		step({ stepId: 'district_review', type: 'agency_reply', reply: 'مانعی ندارد' }, heritage, '2025-06-09T10:00');
		step({ stepId: 'district_review', type: 'approve', to: 'site_inspection' }, officer, '2025-06-09T11:00');
		step({ stepId: 'site_inspection', type: 'approve' }, inspector, '2025-06-10T09:00');
		step({ stepId: 'zoning_statement', type: 'approve' }, planner, '2025-06-11T09:00');
		expect(citizenStatus(permit, state).fa).toContain('نقشه');
		step({ stepId: 'drawings_submission', type: 'approve' }, engineeringOffice, '2025-06-21T09:00');
		step({ stepId: 'technical_review', type: 'approve' }, officer, '2025-06-22T09:00');
		step({ stepId: 'fee_calculation', type: 'approve' }, officer, '2025-06-23T09:00');
		step({ stepId: 'payment', type: 'approve' }, citizen, '2025-06-24T09:00');
		const issued = step({ stepId: 'issue', type: 'complete' }, officer, '2025-06-25T09:00');
		expect(issued.state).toMatchObject({ status: 'completed', dueOn: null });
		expect(issued.audit).toMatchObject({ action: 'complete', fromStepId: 'issue', toStepId: null, status: 'completed' });
		expect(citizenStatus(permit, state).en).toBe('Your request has been completed.');
	});
});

describe('forbidden actions change nothing', () => {
	const review = atDistrictReview();
	const approve: CaseAction = { stepId: 'district_review', type: 'approve' };

	it.each([
		['an officer of another district', otherDistrictOfficer],
		['an inspector', inspector],
		['the applicant', citizen],
		['another citizen', otherCitizen],
		['an agency', heritage]
	])('refuses %s acting on the district officer’s step', (_who, actor) => {
		expect(act(permit, review, approve, actor, '2025-06-07T09:00')).toMatchObject({ ok: false, error: { code: 'not_your_step', status: 403 } });
	});

	it('refuses a stale or guessed step id', () => {
		expect(act(permit, review, { stepId: 'fee_calculation', type: 'approve' }, officer, '2025-06-07T09:00')).toMatchObject({
			ok: false,
			error: { code: 'not_current_step', status: 403 }
		});
	});

	it('refuses skipping ahead to a step the definition does not lead to', () => {
		expect(act(permit, review, { ...approve, to: 'issue' }, officer, '2025-06-07T09:00')).toMatchObject({
			ok: false,
			error: { code: 'transition_not_allowed', status: 403 }
		});
	});

	it('refuses an action the step does not offer (referral on a renewal review)', () => {
		const renewalReview = ok(act(renewal, filed(renewal), { stepId: 'filing', type: 'approve' }, citizen, '2025-06-03T10:00')).state;
		expect(
			act(renewal, renewalReview, { stepId: 'district_review', type: 'refer_to_agency', agency: 'cultural_heritage', question: '?' }, officer, '2025-06-07T09:00')
		).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } });
	});

	it('requires a reason to reject, return or refer', () => {
		expect(act(permit, review, { stepId: 'district_review', type: 'reject', reason: '  ' }, officer, '2025-06-07T09:00')).toMatchObject({
			ok: false,
			error: { code: 'reason_required', status: 400 }
		});
		expect(act(permit, review, { stepId: 'district_review', type: 'return_to_applicant', reason: '' }, officer, '2025-06-07T09:00')).toMatchObject({
			ok: false,
			error: { code: 'reason_required' }
		});
	});

	it('keeps a claimed step for the officer who claimed it', () => {
		const claimed = { ...review, assigneeId: 'o3b' };
		expect(act(permit, claimed, approve, officer, '2025-06-07T09:00')).toMatchObject({ ok: false, error: { code: 'not_your_step' } });
		expect(act(permit, claimed, approve, colleague, '2025-06-07T09:00').ok).toBe(true);
	});

	it('lets only the referred agency answer, and nobody else act meanwhile', () => {
		const referred = ok(
			act(permit, review, { stepId: 'district_review', type: 'refer_to_agency', agency: 'cultural_heritage', question: 'حریم؟' }, officer, '2025-06-07T09:00')
		).state;
		const reply: CaseAction = { stepId: 'district_review', type: 'agency_reply', reply: 'ok' };
		expect(act(permit, referred, reply, education, '2025-06-08T09:00')).toMatchObject({ ok: false, error: { code: 'not_your_step' } });
		expect(act(permit, referred, approve, officer, '2025-06-08T09:00')).toMatchObject({ ok: false, error: { code: 'not_your_step' } });
		expect(act(permit, referred, { ...reply, reply: '' }, heritage, '2025-06-08T09:00')).toMatchObject({ ok: false, error: { code: 'reason_required' } });
	});

	it('refuses any action on a closed case', () => {
		const rejected = ok(act(permit, review, { stepId: 'district_review', type: 'reject', reason: 'کاربری مسکونی مجاز نیست' }, officer, '2025-06-07T09:00'));
		expect(rejected.state.status).toBe('rejected');
		expect(rejected.audit.text).toBe('کاربری مسکونی مجاز نیست');
		expect(act(permit, rejected.state, approve, officer, '2025-06-08T09:00')).toMatchObject({ ok: false, error: { code: 'case_closed', status: 409 } });
	});

	it('lets the applicant side withdraw, and nobody else', () => {
		const withdraw: CaseAction = { stepId: 'district_review', type: 'withdraw' };
		expect(act(permit, review, withdraw, officer, '2025-06-07T09:00')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(ok(act(permit, review, withdraw, engineeringOffice, '2025-06-07T09:00')).state.status).toBe('withdrawn');
	});
});

describe('availableActions', () => {
	const review = atDistrictReview();

	it('offers the district officer the step’s transitions', () => {
		const actions = availableActions(permit, review, officer);
		expect(actions.map((a) => a.type)).toEqual(['approve', 'return_to_applicant', 'request_document', 'refer_to_agency', 'reject']);
		expect(actions[0].to).toEqual(['site_inspection', 'zoning_statement']);
		expect(actions.find((a) => a.type === 'reject')?.requiresReason).toBe(true);
	});

	it('offers nothing to an officer of another district, and only withdrawal to the applicant', () => {
		expect(availableActions(permit, review, otherDistrictOfficer)).toEqual([]);
		expect(availableActions(permit, review, citizen).map((a) => a.type)).toEqual(['withdraw']);
	});

	it('offers the applicant a reply while a document is requested', () => {
		const asked = ok(act(permit, review, { stepId: 'district_review', type: 'return_to_applicant', reason: 'فرم ناقص است' }, officer, '2025-06-07T09:00')).state;
		expect(availableActions(permit, asked, citizen).map((a) => a.type)).toEqual(['applicant_reply', 'withdraw']);
		expect(availableActions(permit, asked, officer)).toEqual([]);
		expect(citizenStatus(permit, asked).fa).toContain('فرم ناقص است');
		// the officer's Persian words isolated in the English sentence, so its full stop stays at its end
		expect(citizenStatus(permit, asked).en).toBe('Waiting for your answer: \u2068فرم ناقص است\u2069');
		// the SMS carries the sentence without the isolates
		const sms = movedText(permit, '05123456789', asked);
		expect(sms).toContain('منتظر پاسخ شما: فرم ناقص است');
		expect(sms).not.toMatch(/[\u2066-\u2069]/);
	});
});

describe('a referral pauses the step’s clock', () => {
	const refer = (state: CaseState, at: string) =>
		ok(act(permit, state, { stepId: 'district_review', type: 'refer_to_agency', agency: 'cultural_heritage', question: 'حریم؟', dueInWorkingDays: 5 }, officer, at));
	const reply = (state: CaseState, at: string) => ok(act(permit, state, { stepId: 'district_review', type: 'agency_reply', reply: 'مانعی ندارد' }, heritage, at));

	it('resumes with the working days the step had left', () => {
		// due Mon 9 June; referred Sat 7 June with Sun 8 and Mon 9 left
		const referred = refer(atDistrictReview(), '2025-06-07T09:00');
		expect(referred.dueOn).toBe('2025-06-15'); // the agency's own deadline: 5 working days
		// answered Tue 10 June: two working days from there (Wed 11; Thu–Fri off, Sat 14 Ghadir; Sun 15)
		expect(reply(referred.state, '2025-06-10T10:00').state).toMatchObject({ waiting: null, dueOn: '2025-06-15' });
	});

	it('keeps an overdue step overdue', () => {
		// due Mon 9 June, referred Sun 15 June (already late), answered Mon 16 June
		const referred = refer(atDistrictReview(), '2025-06-15T10:00');
		expect(referred.dueOn).toBe('2025-06-22');
		const answered = reply(referred.state, '2025-06-16T10:00');
		expect(answered.state.dueOn).toBe('2025-06-09');
		expect(movedText(permit, '05123456789', answered.state)).not.toContain('۱۸');
	});

	it('restarts the clock of a wait recorded before clocks paused', () => {
		const referred = refer(atDistrictReview(), '2025-06-15T10:00').state;
		const legacy: CaseState = { ...referred, waiting: { on: 'agency', agency: 'cultural_heritage', question: 'حریم؟' } };
		expect(reply(legacy, '2025-06-16T10:00').state.dueOn).toBe('2025-06-21'); // 3 working days from Mon 16
	});
});

describe('asking for documents', () => {
	it('says to choose a document when none is ticked', () => {
		const result = act(permit, atDistrictReview(), { stepId: 'district_review', type: 'request_document', kinds: [], reason: 'مدارک ناقص است' }, officer, '2025-06-07T09:00');
		expect(result).toMatchObject({ ok: false, error: { code: 'documents_required', status: 400 } });
		if (!result.ok) expect(result.error.message.fa).toContain('دست‌کم یک مدرک');
	});
});

describe('the payment step', () => {
	it('offers its applicant no approval: paying the bill moves it on', () => {
		const atPayment: CaseState = { ...atDistrictReview(), stepId: 'payment' };
		expect(availableActions(permit, atPayment, citizen).map((a) => a.type)).toEqual(['withdraw']);
	});
});
