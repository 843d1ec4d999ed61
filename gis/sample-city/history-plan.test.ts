import { describe, expect, it } from 'vitest';
import { planHistory, type HistoryParcel, type HistoryStaff } from './history-plan';
import { municipalCalendar } from '../../src/lib/server/calendar';
import { violationRequestTypes } from '../../src/lib/server/dashboard/dashboard.service';
import { REQUEST_TYPES } from '../../src/lib/server/workflows/registry';

const parcels: HistoryParcel[] = Array.from({ length: 800 }, (_, i) => ({ id: i + 1, districtId: 1 + (i % 3), areaM2: 150 + (i % 7) * 40, built: i % 2 === 0 }));
const staff: HistoryStaff = {
	officers: new Map([[1, 10], [2, 11], [3, 12]]),
	inspectors: new Map([[2, 20]]),
	planner: 30,
	supervisor: 31,
	engineer: 50,
	agencies: new Map([['cultural_heritage', 40], ['deeds_registry', 41], ['official_experts', 42], ['education', 43], ['utilities', 44]])
};
const NOW = new Date('2026-11-30T06:00:00Z');
const plan = (seed: number) => planHistory({ seed, now: NOW, calendar: municipalCalendar(), parcels, applicants: [100, 101, 102], staff, cases: 100 });

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
		for (const step of ['district_review', 'site_inspection', 'zoning_statement', 'drawings_submission', 'technical_review', 'fee_calculation', 'payment', 'issue']) expect(open).toContain(step);
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
