import { describe, expect, it } from 'vitest';
import { availableActions, decide, nextStep, TRANSITIONS, type WorkState } from './lifecycle';
import { EXCAVATION_STATUSES } from './works';

const planned: WorkState = { status: 'planned', emergency: false, reviewed: false, pendingReferrals: 0, permitIssued: false };

describe('the excavation life cycle', () => {
	it('moves only between known statuses', () => {
		for (const t of TRANSITIONS) {
			for (const s of [...t.from, t.to]) expect(EXCAVATION_STATUSES, t.action).toContain(s);
		}
	});

	it('lets the officer approve or refuse a filed work, and nobody else', () => {
		expect(availableActions(planned, ['officer'])).toEqual(['approve', 'refuse']);
		expect(availableActions(planned, ['applicant'])).toEqual(['cancel']);
		expect(decide('approve', planned, ['applicant', 'supervisor', 'inspector'])).toEqual({ ok: false, reason: 'wrong_actor' });
		expect(decide('start', planned, ['supervisor'])).toEqual({ ok: false, reason: 'wrong_status' });
	});

	it('waits for the protected-area referrals before approving', () => {
		expect(decide('approve', { ...planned, pendingReferrals: 1 }, ['officer'])).toEqual({ ok: false, reason: 'referrals_answered' });
		expect(decide('refuse', { ...planned, pendingReferrals: 1 }, ['officer']).ok).toBe(true);
	});

	it('regularises an emergency once, and completes it only with its permit', () => {
		const emergency: WorkState = { status: 'active', emergency: true, reviewed: false, pendingReferrals: 0, permitIssued: false };
		expect(availableActions(emergency, ['officer'])).toEqual(['regularise']);
		expect(decide('regularise', { ...emergency, reviewed: true }, ['officer'])).toEqual({ ok: false, reason: 'unreviewed' });
		expect(decide('complete', emergency, ['supervisor'])).toEqual({ ok: false, reason: 'permit_issued' });
		expect(decide('complete', { ...emergency, reviewed: true, permitIssued: true }, ['supervisor']).ok).toBe(true);
		expect(decide('paid', { ...emergency, reviewed: true }, ['system'])).toMatchObject({ ok: true, transition: { to: 'active' } });
	});

	it('sends each state to its inbox: review to the officer, payment to the applicant, the site to the supervisor, the repair to the inspector', () => {
		const step = (s: Partial<WorkState>) => nextStep({ ...planned, category: 'standard', ...s });
		expect(step({})).toEqual({ inbox: 'officer', due: { workingDays: 5 } });
		expect(nextStep({ ...planned, category: 'minor' })).toEqual({ inbox: 'officer', due: { workingDays: 2 } });
		// waiting to be paid: due when the bill is (its last day), not on a clock of the step's own
		expect(step({ status: 'approved' })).toEqual({ inbox: 'applicant', due: { on: 'bill_last_day' } });
		expect(step({ status: 'active', emergency: true, reviewed: true })).toEqual({ inbox: 'applicant', due: { on: 'bill_last_day' } });
		expect(step({ status: 'permitted' })).toEqual({ inbox: 'supervisor', due: { on: 'start_validity' } });
		expect(step({ status: 'active', emergency: true })).toEqual({ inbox: 'officer', due: { on: 'regularise_by' } });
		expect(step({ status: 'completed' })?.inbox).toBe('inspector');
		expect(step({ status: 'remedial' })).toEqual({ inbox: 'supervisor', due: { on: 'remedial_due_on' } });
		for (const s of ['closed', 'refused', 'cancelled', 'draft'] as const) expect(step({ status: s })).toBeNull();
	});
});
