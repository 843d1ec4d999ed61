import { describe, expect, it } from 'vitest';
import { documentsFor } from './documents';
import { BUILDING_PERMIT_NEW } from './definitions/building-permits';
import { REQUEST_TYPES, assertValidRequestTypes, requestTypeById } from './registry';
import type { RequestTypeDefinition } from './types';
import { validateDefinition } from './validate';
import { feeKindOf, isTwoStagePermit } from './automation';
import { SAMPLE_TARIFF_BOOK } from '../../domain/fees';

const clone = (def: RequestTypeDefinition): RequestTypeDefinition => structuredClone(def);
const messages = (def: RequestTypeDefinition) => validateDefinition(def).map((p) => p.message.en).join(' | ');

describe('shipped request types', () => {
	it('guards every fee step with a kind the sample book charges (demolition: assessed by hand as a permit)', () => {
		const charged = new Set(SAMPLE_TARIFF_BOOK.items.filter((i) => !i.annulled).flatMap((i) => i.applies_to));
		const feeKinds = Object.fromEntries(REQUEST_TYPES.filter((t) => t.steps.some((s) => s.id === 'fee_calculation')).map((t) => [t.id, feeKindOf(t)]));
		expect(feeKinds).toEqual({
			building_permit_new: 'building_permit',
			building_permit_extension: 'building_permit',
			building_permit_renewal: 'permit_renewal',
			building_permit_amendment: 'permit_amendment',
			demolition_reconstruction: 'building_permit',
			completion_certificate: 'completion_certificate',
			notary_inquiry: 'renovation',
			transfer_request: 'renovation'
		});
		for (const kind of Object.values(feeKinds)) expect(charged.has(kind!), kind!).toBe(true);
		// an automated fee step comes with an automated payment step: nobody approves a bill they have not paid
		for (const type of REQUEST_TYPES.filter((t) => feeKindOf(t) !== null)) {
			expect(type.steps.find((s) => s.id === 'payment')?.automation, type.id).toEqual({ kind: 'payment' });
		}
	});

	it('shows the two-stage permit panel only on types with a zoning statement', () => {
		expect(REQUEST_TYPES.filter(isTwoStagePermit).map((t) => t.id)).toEqual(['building_permit_new', 'building_permit_extension']);
	});

	it.each(REQUEST_TYPES.map((t) => [t.id, t] as const))('%s validates', (_id, type) => {
		expect(validateDefinition(type)).toEqual([]);
	});

	it('ships every type the seeds name, each id once', () => {
		const ids = REQUEST_TYPES.map((t) => t.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of [
			'building_permit_new',
			'building_permit_extension',
			'building_permit_renewal',
			'building_permit_amendment',
			'demolition_reconstruction',
			'non_violation_certificate',
			'minor_repairs_certificate',
			'rough_construction_certificate',
			'completion_certificate',
			'bank_inquiry',
			'notary_inquiry',
			'transfer_request'
		]) {
			expect(requestTypeById(id), id).toBeDefined();
		}
		expect(() => assertValidRequestTypes()).not.toThrow();
	});

	it('runs a new-construction permit through review, zoning statement, drawings, fees, payment and issue', () => {
		expect(BUILDING_PERMIT_NEW.steps.map((s) => s.id)).toEqual([
			'filing',
			'district_review',
			'site_inspection',
			'zoning_statement',
			'drawings_submission',
			'technical_review',
			'fee_calculation',
			'payment',
			'issue'
		]);
		const review = BUILDING_PERMIT_NEW.steps.find((s) => s.id === 'district_review')!;
		expect(review.holder).toEqual({ role: 'district_officer', districtScoped: true });
		expect(review.transitions.map((t) => t.action)).toEqual(
			expect.arrayContaining(['approve', 'return_to_applicant', 'request_document', 'refer_to_agency', 'reject'])
		);
	});

	it('asks a company for its articles of association and a representative for the power of attorney', () => {
		const person = documentsFor(BUILDING_PERMIT_NEW, { type: 'natural_person', viaRepresentative: false }).map((d) => d.kind);
		const company = documentsFor(BUILDING_PERMIT_NEW, { type: 'legal_person', viaRepresentative: true }).map((d) => d.kind);
		expect(person).toContain('national_card');
		expect(person).not.toContain('articles_of_association');
		expect(person).not.toContain('power_of_attorney');
		expect(company).toEqual(expect.arrayContaining(['articles_of_association', 'agent_introduction_letter', 'power_of_attorney']));
		expect(company).not.toContain('national_card');
	});
});

describe('validateDefinition', () => {
	it('names a transition to an unknown step', () => {
		const def = clone(BUILDING_PERMIT_NEW);
		def.steps[0].transitions = [{ action: 'approve', to: ['nowhere'] }];
		expect(messages(def)).toContain('Transition to unknown step "nowhere"');
	});

	it('names an unreachable step', () => {
		const def = clone(BUILDING_PERMIT_NEW);
		def.steps.push({ ...def.steps[1], id: 'orphan' });
		expect(messages(def)).toContain('Step orphan is unreachable');
	});

	it('names a step without a deadline', () => {
		const def = clone(BUILDING_PERMIT_NEW);
		delete (def.steps[1] as Partial<(typeof def.steps)[number]>).deadlineWorkingDays;
		expect(messages(def)).toContain('Step district_review has no deadline in working days');
		def.steps[1].deadlineWorkingDays = 2.5;
		expect(messages(def)).toContain('Step district_review has no deadline in working days');
	});

	it('names an unknown role or agency, and a step held by the citizen role itself', () => {
		const def = clone(BUILDING_PERMIT_NEW);
		def.steps[1].holder = { role: 'mayor' } as unknown as (typeof def.steps)[number]['holder'];
		def.steps[2].holder = { role: 'agency', agency: 'police' } as unknown as (typeof def.steps)[number]['holder'];
		def.steps[3].holder = { role: 'citizen' } as unknown as (typeof def.steps)[number]['holder'];
		const text = messages(def);
		expect(text).toContain('Unknown role at step district_review: mayor');
		expect(text).toContain('Unknown agency at step site_inspection: police');
		expect(text).toContain('Unknown role at step zoning_statement: citizen');
	});

	it('refuses a definition that never completes, an unknown document and an unknown check', () => {
		const def = clone(BUILDING_PERMIT_NEW);
		def.steps[def.steps.length - 1].transitions = [{ action: 'reject' }];
		def.requiredDocuments.push({ kind: 'passport' as never, required: true });
		def.eligibility.push({ check: 'is_sunny' } as never);
		const text = messages(def);
		expect(text).toContain('No step completes the request');
		expect(text).toContain('Unknown document kind: passport');
		expect(text).toContain('Unknown eligibility check: is_sunny');
	});

	it('gives every problem in Persian too', () => {
		const def = clone(BUILDING_PERMIT_NEW);
		def.initialStep = 'start';
		const problems = validateDefinition(def);
		expect(problems.length).toBeGreaterThan(0);
		for (const p of problems) expect(p.message.fa).toMatch(/[\u0600-\u06ff]/);
		expect(() => assertValidRequestTypes([def])).toThrow(/building_permit_new is invalid/);
	});
});
