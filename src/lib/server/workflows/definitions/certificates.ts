import { COMPLETION_STAGES, ROUGH_CONSTRUCTION_STAGES } from '../../../domain/supervision';
import type { EligibilityCheck, RequestTypeDefinition, StepDefinition } from '../types';
import { BUILDING_VIOLATION_TYPE } from './violations';
import { OWNER_DOCUMENTS, districtReview, filing, issue, parcelFeeSteps, siteInspection } from './common';

/** Certificates along a building's life: non-violation, minor repairs, rough construction, completion. */

const SUPERVISOR_REPORT = (next: string): StepDefinition => ({
	id: 'supervisor_report',
	name: { fa: 'گزارش مهندس ناظر', en: 'Supervising engineer’s report' },
	// The engineer assigned to the building claims the case; engineers are not tied to a district.
	holder: { role: 'supervising_engineer', districtScoped: false },
	deadlineWorkingDays: 5,
	citizenView: {
		fa: 'مهندس ناظر گزارش مرحله‌ای ساختمان را امضا و ثبت می‌کند.',
		en: 'The supervising engineer signs and files the building’s stage report.'
	},
	transitions: [{ action: 'approve', to: [next] }, { action: 'return_to_applicant' }]
});

const COMMON = { applicantResponseWorkingDays: 15, referralWorkingDays: 10 };

/** A building with an open violation case (Article 100 commission) gets no certificate until it is decided. */
const NO_OPEN_VIOLATION: EligibilityCheck = {
	check: 'no_open_case_of_kind',
	kinds: [BUILDING_VIOLATION_TYPE],
	message: {
		fa: 'برای این ساختمان پرونده تخلف باز (کمیسیون ماده ۱۰۰) هست؛ گواهی پس از رسیدگی به آن صادر می‌شود.',
		en: 'This building has an open violation case (Article 100 commission); the certificate is issued once it is decided.'
	}
};

export const NON_VIOLATION_CERTIFICATE: RequestTypeDefinition = {
	...COMMON,
	id: 'non_violation_certificate',
	family: 'certificate',
	issues: 'non_violation_certificate',
	name: { fa: 'گواهی عدم خلاف', en: 'Non-violation certificate' },
	initialStep: 'filing',
	steps: [
		filing('district_review'),
		districtReview(['site_inspection'], 2, []),
		siteInspection(['issue'], {
			fa: 'بازدیدکننده ساختمان در حال ساخت را با پروانه آن تطبیق می‌دهد.',
			en: 'An inspector checks the building under construction against its permit.'
		}),
		issue(
			{ fa: 'صدور گواهی عدم خلاف', en: 'Certificate issue' },
			{ fa: 'خلافی دیده نشد؛ گواهی در حال صدور است.', en: 'No violation was found; the certificate is being issued.' }
		)
	],
	requiredDocuments: [...OWNER_DOCUMENTS, { kind: 'earlier_permit', required: true }, { kind: 'supervisor_report', required: true }],
	eligibility: [
		{ check: 'has_issued', kind: 'building_permit' },
		{ check: 'no_open_case_of_kind', kinds: ['non_violation_certificate'] }
	]
};

export const MINOR_REPAIRS_CERTIFICATE: RequestTypeDefinition = {
	...COMMON,
	id: 'minor_repairs_certificate',
	family: 'certificate',
	issues: 'minor_repairs_certificate',
	name: { fa: 'گواهی تعمیرات غیراساسی', en: 'Minor repairs certificate' },
	initialStep: 'filing',
	steps: [
		filing('district_review'),
		districtReview(['site_inspection'], 2, ['cultural_heritage']),
		siteInspection(['issue'], {
			fa: 'بازدیدکننده بررسی می‌کند که تعمیرات به سازه دست نمی‌زند.',
			en: 'An inspector checks that the repairs leave the structure untouched.'
		}),
		issue(
			{ fa: 'صدور گواهی تعمیرات', en: 'Certificate issue' },
			{ fa: 'گواهی تعمیرات در حال صدور است.', en: 'The repairs certificate is being issued.' }
		)
	],
	requiredDocuments: [...OWNER_DOCUMENTS, { kind: 'site_photos', required: true }],
	eligibility: [{ check: 'has_building' }, { check: 'no_open_case_of_kind', kinds: ['minor_repairs_certificate'] }]
};

export const ROUGH_CONSTRUCTION_CERTIFICATE: RequestTypeDefinition = {
	...COMMON,
	id: 'rough_construction_certificate',
	family: 'certificate',
	issues: 'rough_construction_certificate',
	name: { fa: 'گواهی پایان سفت‌کاری', en: 'End of rough construction certificate' },
	initialStep: 'filing',
	steps: [
		filing('supervisor_report'),
		SUPERVISOR_REPORT('site_inspection'),
		siteInspection(['issue']),
		issue(
			{ fa: 'صدور گواهی پایان سفت‌کاری', en: 'Certificate issue' },
			{ fa: 'گواهی پایان سفت‌کاری در حال صدور است.', en: 'The rough construction certificate is being issued.' }
		)
	],
	requiredDocuments: [...OWNER_DOCUMENTS, { kind: 'earlier_permit', required: true }],
	eligibility: [
		{ check: 'has_issued', kind: 'building_permit' },
		{ check: 'supervision_stages_reported', stages: ROUGH_CONSTRUCTION_STAGES },
		NO_OPEN_VIOLATION,
		{ check: 'no_open_case_of_kind', kinds: ['rough_construction_certificate'] }
	]
};

export const COMPLETION_CERTIFICATE: RequestTypeDefinition = {
	...COMMON,
	id: 'completion_certificate',
	family: 'certificate',
	issues: 'completion_certificate',
	name: { fa: 'گواهی پایان کار', en: 'Completion certificate' },
	initialStep: 'filing',
	steps: [
		filing('supervisor_report'),
		SUPERVISOR_REPORT('site_inspection'),
		siteInspection(['district_review'], {
			fa: 'بازدیدکننده ساختمان تمام‌شده را با پروانه و نقشه‌ها تطبیق می‌دهد.',
			en: 'An inspector checks the finished building against its permit and drawings.'
		}),
		districtReview(['fee_calculation'], 3, ['utilities', 'official_experts']),
		...parcelFeeSteps('completion_certificate'),
		issue(
			{ fa: 'صدور گواهی پایان کار', en: 'Completion certificate issue' },
			{ fa: 'پرداخت تأیید شد؛ گواهی پایان کار در حال صدور است.', en: 'Payment confirmed; the completion certificate is being issued.' }
		)
	],
	requiredDocuments: [...OWNER_DOCUMENTS, { kind: 'earlier_permit', required: true }, { kind: 'supervisor_report', required: true }],
	eligibility: [
		{
			check: 'has_issued',
			kind: 'building_permit',
			message: {
				fa: 'گواهی پایان کار فقط برای ساختمانی که پروانه دارد صادر می‌شود.',
				en: 'A completion certificate is only issued for a building with a permit.'
			}
		},
		{ check: 'supervision_stages_reported', stages: COMPLETION_STAGES },
		NO_OPEN_VIOLATION,
		{ check: 'no_open_case_of_kind', kinds: ['completion_certificate'] }
	]
};
