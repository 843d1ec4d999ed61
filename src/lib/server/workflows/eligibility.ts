import type { Bilingual } from '../../i18n/lang';
import { missingStages, stageOf } from '../../domain/supervision';
import { ISSUED_KIND_NAMES, type EligibilityCheck, type ParcelFacts, type RequestTypeDefinition } from './types';

export interface EligibilityFailure {
	check: EligibilityCheck['check'];
	message: Bilingual;
}

export type EligibilityResult = { eligible: true } | { eligible: false; failures: EligibilityFailure[] };

function defaultMessage(check: EligibilityCheck, facts: ParcelFacts): Bilingual {
	switch (check.check) {
		case 'no_open_case_of_kind':
			return {
				fa: 'برای این پلاک درخواست مشابهی در جریان است؛ تا پایان آن، درخواست تازه پذیرفته نمی‌شود.',
				en: 'A similar request is already open on this parcel; a new one is accepted once it ends.'
			};
		case 'has_issued': {
			// name the document this request rests on: a renewal needs the permit it renews, and so on
			const needed = ISSUED_KIND_NAMES[check.kind];
			return {
				fa: `این درخواست به «${needed.fa}» این پلاک نیاز دارد که هنوز صادر نشده است.`,
				en: `This request needs a ${needed.en.toLowerCase()} issued for this parcel first; none is on record.`
			};
		}
		case 'has_remaining_capacity':
			return {
				fa: 'ظرفیت (تراکم) باقی‌مانده‌ای برای این پلاک نمانده است.',
				en: 'This parcel has no remaining floor-area capacity.'
			};
		case 'has_building':
			return {
				fa: 'روی این پلاک ساختمانی ثبت نشده است.',
				en: 'No building is recorded on this parcel.'
			};
		case 'supervision_stages_reported': {
			const missing = missingStages(check.stages, facts.supervisionStagesReported ?? []).map(stageOf);
			return {
				fa: `گزارش مهندس ناظر برای این مرحله‌ها ثبت نشده است: ${missing.map((s) => s.name.fa).join('، ')}.`,
				en: `The supervising engineer has not reported these stages: ${missing.map((s) => s.name.en).join(', ')}.`
			};
		}
		case 'opened_by_municipality':
			return {
				fa: 'این پرونده را شهرداری (از گزارش مهندس ناظر) تشکیل می‌دهد و ثبت آن با متقاضی نیست.',
				en: 'This case is opened by the municipality (from a supervising engineer’s report); it cannot be filed.'
			};
	}
}

function passes(check: EligibilityCheck, facts: ParcelFacts): boolean {
	switch (check.check) {
		case 'no_open_case_of_kind':
			return !facts.openCaseKinds.some((kind) => check.kinds.includes(kind));
		case 'has_issued':
			return facts.issued.includes(check.kind);
		case 'has_remaining_capacity':
			// Unknown capacity does not block filing: the officer checks it at the zoning step.
			return facts.remainingFloorAreaM2 === null || facts.remainingFloorAreaM2 > 0;
		case 'has_building':
			return facts.hasBuilding;
		case 'supervision_stages_reported':
			return missingStages(check.stages, facts.supervisionStagesReported ?? []).length === 0;
		case 'opened_by_municipality':
			return false;
	}
}

/** Evaluates a request type's eligibility checks against what the parcel's record says. */
export function evaluateEligibility(definition: RequestTypeDefinition, facts: ParcelFacts): EligibilityResult {
	const failures = definition.eligibility
		.filter((check) => !passes(check, facts))
		.map((check) => ({ check: check.check, message: check.message ?? defaultMessage(check, facts) }));
	return failures.length === 0 ? { eligible: true } : { eligible: false, failures };
}
