import { describe, expect, it } from 'vitest';
import { planHistory, type HistoryParcel, type HistoryStaff } from './history-plan';
import { municipalCalendar } from '../../src/lib/server/calendar';
import { violationRequestTypes } from '../../src/lib/server/dashboard/dashboard.service';
import { REQUEST_TYPES } from '../../src/lib/server/workflows/registry';
import { feeKindOf, isTwoStagePermit } from '../../src/lib/server/workflows';
import { assess, SAMPLE_TARIFF_BOOK } from '../../src/lib/domain/fees';

// every tenth parcel has no zone value: its automated fee step cannot assess by itself
const parcels: HistoryParcel[] = Array.from({ length: 800 }, (_, i) => ({
	id: i + 1,
	districtId: 1 + (i % 3),
	areaM2: 150 + (i % 7) * 40 + 0.37,
	built: i % 2 === 0,
	use: i % 3 === 0 ? 'commercial' : 'residential',
	p: i % 10 === 0 ? null : 2_000_000 + (i % 9) * 250_000,
	densityPct: 180
}));
const staff: HistoryStaff = {
	officers: new Map([[1, 10], [2, 11], [3, 12]]),
	inspectors: new Map([[2, 20]]),
	planner: 30,
	supervisor: 31,
	engineer: 50,
	agencies: new Map([['cultural_heritage', 40], ['deeds_registry', 41], ['official_experts', 42], ['education', 43], ['utilities', 44]])
};
const NOW = new Date('2026-11-30T06:00:00Z');
const plan = (seed: number) => planHistory({ seed, now: NOW, calendar: municipalCalendar(), parcels, applicants: [100, 101, 102], staff, cases: 100, book: SAMPLE_TARIFF_BOOK });

describe('the sample history plan', () => {
	it('is the same for the same seed, and another for another', () => {
		const summary = (p: ReturnType<typeof plan>) => p.map((c) => [c.parcel.id, c.definition.id, c.filedAt.toISOString(), c.state.stepId, c.state.status]);
		expect(summary(plan(7))).toEqual(summary(plan(7)));
		expect(summary(plan(8))).not.toEqual(summary(plan(7)));
	});

	it('files over the past year, never after now, and leaves open cases at every building permit step', () => {
		const cases = plan(1);
		expect(cases.every((c) => c.filedAt < NOW && c.events.every((e) => new Date(e.audit.at) < NOW))).toBe(true);
		expect(NOW.getTime() - cases[0].filedAt.getTime()).toBeGreaterThan(300 * 86_400_000);
		const open = new Set(cases.filter((c) => c.state.status === 'in_progress' && c.definition.family === 'building_permit').map((c) => c.state.stepId));
		for (const step of ['district_review', 'site_inspection', 'zoning_statement', 'drawings_submission']) expect(open).toContain(step);
		expect(cases.some((c) => c.state.waiting?.on === 'agency')).toBe(true);
		expect(cases.some((c) => c.state.stepId === 'supervisor_report' && c.state.status === 'in_progress')).toBe(true);
		// decisions both ways, some withdrawn perhaps, permits with floor area, paid bills
		expect(cases.some((c) => c.state.status === 'completed' && c.permit && c.permit.floorAreaM2 > 0)).toBe(true);
		expect(cases.some((c) => c.state.status === 'rejected')).toBe(true);
		expect(cases.some((c) => c.fee?.paidAt)).toBe(true);
		// the engineering office files some building permits for their owners, open ones among them, and nothing else
		const filedForOwners = cases.filter((c) => c.representativeId === 50);
		expect(filedForOwners.length).toBeGreaterThan(0);
		expect(filedForOwners.every((c) => c.definition.family === 'building_permit')).toBe(true);
		expect(filedForOwners.some((c) => c.state.status === 'in_progress')).toBe(true);
		// a site inspection only where someone inspects
		expect(cases.filter((c) => c.events.some((e) => e.audit.toStepId === 'site_inspection')).every((c) => c.parcel.districtId === 2)).toBe(true);
	});

	it('leaves no two-stage permit open past the drawings, where the live system works from records the history does not make', () => {
		const cases = [1, 2, 3].flatMap((seed) => planHistory({ seed, now: NOW, calendar: municipalCalendar(), parcels, applicants: [100, 101, 102], staff, cases: 300, book: SAMPLE_TARIFF_BOOK }));
		const twoStage = cases.filter((c) => isTwoStagePermit(c.definition));
		const open = twoStage.filter((c) => c.state.status === 'in_progress');
		expect(open.length).toBeGreaterThan(0);
		const past = ['technical_review', 'fee_calculation', 'payment', 'issue'];
		expect(open.filter((c) => past.includes(c.state.stepId)).map((c) => c.state.stepId)).toEqual([]);
		// walks cut back to the drawings: the last entry moved the case there, nothing billed, and it waits for the applicant
		const atDrawings = open.filter((c) => c.state.stepId === 'drawings_submission');
		expect(atDrawings.length).toBeGreaterThan(5);
		for (const c of atDrawings) {
			expect([c.events.at(-1)!.audit.toStepId, c.fee, c.state.waiting]).toEqual(['drawings_submission', null, null]);
			expect(c.events.every((e) => new Date(e.audit.at) <= new Date(c.state.since))).toBe(true);
		}
		// the decided ones went all the way, as before
		expect(twoStage.some((c) => c.state.status === 'completed' && c.fee?.paidAt && c.permit)).toBe(true);
	});

	it('bills completion certificates, notary inquiries and transfers as their automated fee step would: from the book, or held without a zone value', () => {
		const cases = [1, 2, 3].flatMap((seed) => planHistory({ seed, now: NOW, calendar: municipalCalendar(), parcels, applicants: [100, 101, 102], staff, cases: 300, book: SAMPLE_TARIFF_BOOK }));
		const automated = cases.filter((c) => feeKindOf(c.definition) !== null && c.definition.family !== 'building_permit');
		const billed = automated.filter((c) => c.fee);
		expect(new Set(billed.map((c) => c.definition.id))).toEqual(new Set(['completion_certificate', 'notary_inquiry', 'transfer_request']));
		for (const c of billed) {
			const kind = feeKindOf(c.definition)!;
			expect(c.fee!.by).toBeNull();
			expect(c.fee!.inputs).toEqual({ use: c.parcel.use, land_area: Math.round(c.parcel.areaM2 * 100) / 100, P: c.parcel.p });
			expect(c.fee!.totalRial).toBe(assess(SAMPLE_TARIFF_BOOK, c.fee!.inputs!, { request_kind: kind }).total_rial);
			expect(c.fee!.totalRial).toBeGreaterThan(0);
			// the system moved it from the fee step, and from payment only once it was paid
			const fromFee = c.events.find((e) => e.audit.fromStepId === 'fee_calculation')!;
			expect(fromFee.audit).toMatchObject({ role: 'system', action: 'approve', toStepId: 'payment' });
			const fromPayment = c.events.find((e) => e.audit.fromStepId === 'payment' && e.audit.action === 'approve');
			if (fromPayment) expect([fromPayment.audit.role, fromPayment.audit.at]).toEqual(['system', c.fee!.paidAt!.toISOString()]);
			else expect(c.fee!.paidAt).toBeNull();
		}
		expect(billed.some((c) => c.state.status === 'in_progress' && c.state.stepId === 'payment')).toBe(true);
		expect(billed.some((c) => c.fee!.paidAt)).toBe(true);
		// a case rests at the fee step only where the system could not assess, and the timeline says why
		const atFee = automated.filter((c) => c.state.status === 'in_progress' && c.state.stepId === 'fee_calculation');
		expect(atFee.length).toBeGreaterThan(0);
		for (const c of atFee) {
			expect(c.parcel.p).toBeNull();
			expect(c.fee).toBeNull();
			expect(c.events.at(-1)!.audit).toMatchObject({ action: 'automation_held', role: 'system', fromStepId: 'fee_calculation' });
		}
		expect(automated.filter((c) => c.parcel.p === null).every((c) => c.fee === null)).toBe(true);
		// building permits' bills too come from the book where it can price them, for the floor area their permit allows
		const permits = cases.filter((c) => c.definition.family === 'building_permit' && c.fee && c.parcel.p !== null);
		expect(permits.length).toBeGreaterThan(0);
		for (const c of permits) {
			expect(c.fee!.totalRial).toBe(assess(SAMPLE_TARIFF_BOOK, c.fee!.inputs!, { request_kind: 'building_permit' }).total_rial);
			if (c.permit) expect(c.permit.floorAreaM2).toBe(c.fee!.inputs!.floor_area);
		}
	});

	it('leaves every district’s officer and inspector a request waiting for them', () => {
		const everywhere = { ...staff, inspectors: new Map([[1, 21], [2, 20], [3, 22]]) };
		const cases = planHistory({ seed: 3, now: NOW, calendar: municipalCalendar(), parcels, applicants: [100], staff: everywhere, cases: 3 });
		for (const district of [1, 2, 3]) {
			const open = cases.filter((c) => c.parcel.districtId === district && c.state.status === 'in_progress').map((c) => c.state.stepId);
			expect([district, open]).toEqual([district, expect.arrayContaining(['district_review', 'site_inspection'])]);
		}
	});

	it('violations are counted only once a violation request type exists', () => {
		expect(violationRequestTypes(REQUEST_TYPES)).toEqual([]);
		expect(violationRequestTypes([...REQUEST_TYPES, { ...REQUEST_TYPES[0], id: 'violation_case', family: 'violation' }])).toEqual(['violation_case']);
	});
});
