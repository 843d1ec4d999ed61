import { describe, expect, it } from 'vitest';
import { evaluateEligibility } from './eligibility';
import { requestTypeById } from './registry';
import type { ParcelFacts, RequestTypeDefinition } from './types';

const type = (id: string): RequestTypeDefinition => requestTypeById(id)!;
const emptyLot: ParcelFacts = { openCaseKinds: [], issued: [], remainingFloorAreaM2: 480, hasBuilding: false };

describe('evaluateEligibility', () => {
	it('lets an empty lot with capacity file a new-construction permit', () => {
		expect(evaluateEligibility(type('building_permit_new'), emptyLot)).toEqual({ eligible: true });
	});

	it('refuses a second open permit on the same parcel, whatever the variant', () => {
		const facts = { ...emptyLot, openCaseKinds: ['building_permit_renewal'] };
		const result = evaluateEligibility(type('building_permit_new'), facts);
		expect(result.eligible).toBe(false);
		if (!result.eligible) {
			expect(result.failures[0].check).toBe('no_open_case_of_kind');
			expect(result.failures[0].message.fa).toContain('پروانه');
		}
	});

	it('allows a completion certificate only after a building permit', () => {
		expect(evaluateEligibility(type('completion_certificate'), emptyLot)).toMatchObject({
			eligible: false,
			failures: [{ check: 'has_issued' }, { check: 'supervision_stages_reported' }]
		});
		const supervised = { ...emptyLot, issued: ['building_permit' as const], supervisionStagesReported: ['foundation', 'skeleton', 'rough_construction', 'finishing', 'facade', 'completion'] };
		expect(evaluateEligibility(type('completion_certificate'), supervised)).toEqual({
			eligible: true
		});
	});

	it('names the document a request rests on when the parcel lacks it (a renewal, an amendment, a non-violation certificate need the building permit)', () => {
		for (const id of ['building_permit_renewal', 'building_permit_amendment', 'non_violation_certificate', 'rough_construction_certificate']) {
			const result = evaluateEligibility(type(id), emptyLot);
			const failure = result.eligible ? undefined : result.failures.find((f) => f.check === 'has_issued');
			expect(failure?.message).toEqual({
				fa: 'این درخواست به «پروانه ساختمانی» این پلاک نیاز دارد که هنوز صادر نشده است.',
				en: 'This request needs a building permit issued for this parcel first; none is on record.'
			});
		}
	});

	it('refuses a completion certificate until the supervising engineer reported every mandatory stage, naming the missing ones', () => {
		const facts = { ...emptyLot, issued: ['building_permit' as const], supervisionStagesReported: ['demolition', 'foundation', 'skeleton'] };
		const result = evaluateEligibility(type('completion_certificate'), facts);
		expect(result).toMatchObject({ eligible: false, failures: [{ check: 'supervision_stages_reported' }] });
		if (!result.eligible) {
			expect(result.failures[0].message.en).toBe('The supervising engineer has not reported these stages: Rough construction, Finishing, Façade, Completion.');
			expect(result.failures[0].message.fa).toContain('سفت‌کاری، نازک‌کاری، نما، اتمام عملیات');
		}
		// an open violation case blocks it too
		const withViolation = { ...facts, supervisionStagesReported: ['foundation', 'skeleton', 'rough_construction', 'finishing', 'facade', 'completion'], openCaseKinds: ['building_violation'] };
		expect(evaluateEligibility(type('completion_certificate'), withViolation)).toMatchObject({ eligible: false, failures: [{ check: 'no_open_case_of_kind' }] });
	});

	it('refuses a permit when the parcel has no remaining capacity, but not when capacity is unknown', () => {
		expect(evaluateEligibility(type('building_permit_new'), { ...emptyLot, remainingFloorAreaM2: 0 })).toMatchObject({
			eligible: false,
			failures: [{ check: 'has_remaining_capacity' }]
		});
		expect(evaluateEligibility(type('building_permit_new'), { ...emptyLot, remainingFloorAreaM2: null }).eligible).toBe(true);
	});

	it('lists every failed check', () => {
		const result = evaluateEligibility(type('building_permit_extension'), {
			openCaseKinds: ['building_permit_new'],
			issued: [],
			remainingFloorAreaM2: 0,
			hasBuilding: false
		});
		expect(result.eligible).toBe(false);
		if (!result.eligible) {
			expect(result.failures.map((f) => f.check)).toEqual(['no_open_case_of_kind', 'has_building', 'has_remaining_capacity']);
		}
	});

	it('asks for an existing building before minor repairs or demolition', () => {
		expect(evaluateEligibility(type('minor_repairs_certificate'), emptyLot).eligible).toBe(false);
		expect(evaluateEligibility(type('demolition_reconstruction'), { ...emptyLot, hasBuilding: true }).eligible).toBe(true);
	});
});
