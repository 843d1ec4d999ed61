import type { Bilingual } from '../../../i18n/lang';
import type { RequestTypeDefinition, StepDefinition } from '../types';
import type { StepAutomation } from '../automation';
import {
	BUILDING_PERMIT_TYPES,
	OWNER_DOCUMENTS,
	PAYMENT,
	districtReview,
	feeCalculation,
	filing,
	issue,
	parcelFeeSteps,
	siteInspection
} from './common';

/**
 * Building permits (پروانه ساختمانی): Mashhad's «شهروندسپاری» flow — request → zoning statement
 * (اعلام ضابطه / دستور نقشه) → drawings and analysis → calculation → bill → permit — with the
 * district officer's review and agency referrals of Isfahan's cartable.
 */

const ZONING_STATEMENT: StepDefinition = {
	id: 'zoning_statement',
	name: { fa: 'صدور دستور نقشه (اعلام ضابطه)', en: 'Zoning statement' },
	holder: { role: 'planner', districtScoped: false },
	deadlineWorkingDays: 5,
	citizenView: {
		fa: 'ضوابط طرح تفصیلی این پلاک (کاربری، تراکم، سطح اشغال، عقب‌نشینی) اعلام می‌شود.',
		en: 'The detailed-plan rules for this parcel (use, density, occupancy, setback) are being issued.'
	},
	transitions: [
		{ action: 'approve', to: ['drawings_submission'] },
		{ action: 'refer_to_agency', agencies: ['cultural_heritage', 'education', 'utilities'] },
		{ action: 'reject' }
	]
};

const DRAWINGS_SUBMISSION: StepDefinition = {
	id: 'drawings_submission',
	name: { fa: 'بارگذاری نقشه‌ها', en: 'Drawings submission' },
	holder: { role: 'applicant' },
	deadlineWorkingDays: 30,
	citizenView: {
		fa: 'نقشه‌های معماری و سازه را بر پایه دستور نقشه، توسط دفتر مهندسی، بارگذاری کنید.',
		en: 'Upload the architectural and structural drawings, prepared by an engineering office from the zoning statement.'
	},
	transitions: [{ action: 'approve', to: ['technical_review'] }]
};

const TECHNICAL_REVIEW: StepDefinition = {
	id: 'technical_review',
	name: { fa: 'بررسی فنی نقشه‌ها', en: 'Technical review of the drawings' },
	holder: { role: 'district_officer', districtScoped: true },
	deadlineWorkingDays: 7,
	citizenView: {
		fa: 'نقشه‌ها با ضوابط و ظرفیت باقی‌مانده پلاک تطبیق داده می‌شود.',
		en: 'The drawings are being checked against the rules and the parcel’s remaining capacity.'
	},
	transitions: [
		{ action: 'approve', to: ['fee_calculation'] },
		{ action: 'request_document', kinds: ['engineering_drawings', 'structural_calculations', 'insurance_policy'] },
		{ action: 'refer_to_agency', agencies: ['official_experts', 'cultural_heritage'] },
		{ action: 'return_to_applicant' },
		{ action: 'reject' }
	]
};

const PERMIT_ISSUE = issue(
	{ fa: 'صدور پروانه', en: 'Permit issue' },
	{ fa: 'پرداخت شما تأیید شد؛ پروانه در حال صدور است.', en: 'Your payment is confirmed; the permit is being issued.' }
);

const NO_SECOND_OPEN_PERMIT = {
	check: 'no_open_case_of_kind' as const,
	kinds: BUILDING_PERMIT_TYPES,
	message: {
		fa: 'برای این پلاک یک درخواست پروانه باز است؛ پروانه دوم تا پایان آن پذیرفته نمی‌شود.',
		en: 'A permit request is already open on this parcel; a second one waits until it ends.'
	}
};

const DRAWINGS = [
	{ kind: 'engineering_drawings' as const, required: false, note: { fa: 'پس از دستور نقشه لازم می‌شود.', en: 'Needed after the zoning statement.' } }
];

const COMMON = {
	family: 'building_permit',
	issues: 'building_permit' as const,
	applicantResponseWorkingDays: 15,
	referralWorkingDays: 10
};

/**
 * Open cases on the parcel that stop the zoning statement from being issued by itself (the planner
 * decides instead): an ownership transfer under way, a violation before the Article 100 commission.
 */
export const ZONING_STATEMENT_BLOCKERS = ['transfer_request', 'violation', 'article_100', 'building_violation'];

/**
 * The two-stage permit worked by the system where it can (issue 8, §3): stage 1 the zoning
 * statement, issued by itself unless something blocks it; stage 2 the permit, issued by itself once
 * the drawings and a passing (or overridden) proposal are in and the fees are paid.
 */
const TWO_STAGE: Record<string, StepAutomation> = {
	zoning_statement: { kind: 'zoning_statement', blockingCaseKinds: ZONING_STATEMENT_BLOCKERS },
	drawings_submission: { kind: 'plans_and_proposal' },
	technical_review: { kind: 'proposal_check' },
	fee_calculation: { kind: 'fee_assessment', requestKind: 'building_permit', from: 'proposal' },
	payment: { kind: 'payment' },
	issue: { kind: 'permit_issue' }
};

const FULL_STEPS = (view: Bilingual, automated = true): StepDefinition[] =>
	[
		filing('district_review'),
		districtReview(['site_inspection', 'zoning_statement']),
		siteInspection(['zoning_statement'], view),
		ZONING_STATEMENT,
		DRAWINGS_SUBMISSION,
		TECHNICAL_REVIEW,
		feeCalculation(),
		PAYMENT,
		PERMIT_ISSUE
	].map((step) => (automated && TWO_STAGE[step.id] ? { ...step, automation: TWO_STAGE[step.id] } : step));

export const BUILDING_PERMIT_NEW: RequestTypeDefinition = {
	...COMMON,
	id: 'building_permit_new',
	overlayReferralsAt: 'district_review',
	name: { fa: 'پروانه ساختمانی (احداث)', en: 'Building permit — new construction' },
	initialStep: 'filing',
	steps: FULL_STEPS({ fa: 'بازدیدکننده وضع موجود زمین را ثبت می‌کند.', en: 'An inspector records the state of the land.' }),
	requiredDocuments: [...OWNER_DOCUMENTS, ...DRAWINGS],
	eligibility: [NO_SECOND_OPEN_PERMIT, { check: 'has_remaining_capacity' }]
};

export const BUILDING_PERMIT_EXTENSION: RequestTypeDefinition = {
	...COMMON,
	id: 'building_permit_extension',
	overlayReferralsAt: 'district_review',
	name: { fa: 'پروانه ساختمانی (توسعه بنا)', en: 'Building permit — extension' },
	initialStep: 'filing',
	steps: FULL_STEPS({ fa: 'بازدیدکننده بنای موجود را با پروانه قبلی تطبیق می‌دهد.', en: 'An inspector checks the existing building against its earlier permit.' }),
	requiredDocuments: [...OWNER_DOCUMENTS, { kind: 'earlier_permit', required: true }, ...DRAWINGS],
	eligibility: [NO_SECOND_OPEN_PERMIT, { check: 'has_building' }, { check: 'has_remaining_capacity' }]
};

export const BUILDING_PERMIT_RENEWAL: RequestTypeDefinition = {
	...COMMON,
	id: 'building_permit_renewal',
	name: { fa: 'تمدید پروانه ساختمانی', en: 'Building permit — renewal' },
	initialStep: 'filing',
	steps: [filing('district_review'), districtReview(['fee_calculation'], 3, []), ...parcelFeeSteps('permit_renewal'), PERMIT_ISSUE],
	requiredDocuments: [...OWNER_DOCUMENTS, { kind: 'earlier_permit', required: true }, { kind: 'supervisor_report', required: true }],
	eligibility: [NO_SECOND_OPEN_PERMIT, { check: 'has_issued', kind: 'building_permit' }]
};

export const BUILDING_PERMIT_AMENDMENT: RequestTypeDefinition = {
	...COMMON,
	id: 'building_permit_amendment',
	overlayReferralsAt: 'district_review',
	name: { fa: 'اصلاح پروانه ساختمانی', en: 'Building permit — amendment' },
	initialStep: 'filing',
	steps: [
		filing('district_review'),
		districtReview(['technical_review']),
		{ ...TECHNICAL_REVIEW },
		// the review charge of the amended drawings; area the amendment adds is charged as a permit, by hand
		...parcelFeeSteps('permit_amendment'),
		PERMIT_ISSUE
	],
	requiredDocuments: [...OWNER_DOCUMENTS, { kind: 'earlier_permit', required: true }, { kind: 'engineering_drawings', required: true }],
	eligibility: [NO_SECOND_OPEN_PERMIT, { check: 'has_issued', kind: 'building_permit' }]
};

/**
 * Demolition and reconstruction keeps the steps of the permit without their automation (no proposal
 * is stored for it), but not its fee steps' guards: the district officer assesses its fees by hand on
 * /assessments/new, as a building permit (`building_permit`: the reconstruction is charged like a new
 * building), and nobody approves the fee step before that or the payment step before the bill is paid.
 */
const STAFF_ASSESSED: Record<string, StepAutomation> = {
	fee_calculation: { kind: 'fee_assessment', requestKind: 'building_permit', from: 'staff' },
	payment: { kind: 'payment' }
};

export const DEMOLITION_RECONSTRUCTION: RequestTypeDefinition = {
	...COMMON,
	id: 'demolition_reconstruction',
	overlayReferralsAt: 'district_review',
	family: 'demolition',
	issues: 'demolition_permit',
	name: { fa: 'پروانه تخریب و نوسازی', en: 'Demolition and reconstruction permit' },
	initialStep: 'filing',
	steps: FULL_STEPS({ fa: 'بازدیدکننده بنای موجود و ایمنی تخریب را بررسی می‌کند.', en: 'An inspector checks the existing building and demolition safety.' }, false).map(
		(step) =>
			step.id === 'issue'
				? { ...step, name: { fa: 'صدور پروانه تخریب و نوسازی', en: 'Demolition and reconstruction permit issue' } }
				: STAFF_ASSESSED[step.id]
					? { ...step, automation: STAFF_ASSESSED[step.id] }
					: step
	),
	requiredDocuments: [...OWNER_DOCUMENTS, { kind: 'engineering_drawings', required: false }, { kind: 'insurance_policy', required: true }, { kind: 'site_photos', required: true }],
	eligibility: [NO_SECOND_OPEN_PERMIT, { check: 'has_building' }]
};
