import type { Bilingual } from '../../../i18n/lang';
import type { AgencyKind } from '../roles';
import type { DocumentRequirement, StepDefinition, Transition } from '../types';

/**
 * Building blocks shared by the seeds' request types. Each request type file stays a readable
 * list of steps; the pieces here are plain data with the usual names, deadlines and texts.
 */

export const ALL_AGENCIES: AgencyKind[] = ['cultural_heritage', 'official_experts', 'deeds_registry', 'education', 'utilities'];

/** Request type ids of every building permit variant: a parcel has at most one open at a time. */
export const BUILDING_PERMIT_TYPES = [
	'building_permit_new',
	'building_permit_extension',
	'building_permit_renewal',
	'building_permit_amendment',
	'demolition_reconstruction'
];

/** Who the applicant is: owner documents every request asks for. */
export const OWNER_DOCUMENTS: DocumentRequirement[] = [
	{ kind: 'deed', required: true },
	{
		kind: 'sale_agreement',
		required: false,
		note: { fa: 'اگر سند هنوز به نام متقاضی نیست.', en: 'When the deed is not yet in the applicant’s name.' }
	},
	{ kind: 'national_card', required: true, applicantTypes: ['natural_person'] },
	{ kind: 'articles_of_association', required: true, applicantTypes: ['legal_person'] },
	{ kind: 'agent_introduction_letter', required: true, applicantTypes: ['legal_person'] },
	{ kind: 'power_of_attorney', required: true, viaRepresentativeOnly: true }
];

const OFFICER_REVIEW_EXITS = (next: string[], agencies: AgencyKind[] = ALL_AGENCIES): Transition[] => [
	{ action: 'approve', to: next },
	{ action: 'return_to_applicant' },
	{ action: 'request_document', kinds: ['deed', 'sale_agreement', 'power_of_attorney', 'national_card', 'earlier_permit', 'engineering_drawings', 'site_photos', 'articles_of_association'] },
	...(agencies.length > 0 ? [{ action: 'refer_to_agency' as const, agencies }] : []),
	{ action: 'reject' }
];

export function filing(next: string): StepDefinition {
	return {
		id: 'filing',
		name: { fa: 'تکمیل پرونده', en: 'Filing' },
		holder: { role: 'applicant' },
		deadlineWorkingDays: 10,
		citizenView: {
			fa: 'فرم را کامل کنید، مدارک را بارگذاری کنید و درخواست را ثبت کنید.',
			en: 'Complete the form, upload the documents and submit the request.'
		},
		transitions: [{ action: 'approve', to: [next] }]
	};
}

export function districtReview(next: string[], days = 3, agencies: AgencyKind[] = ALL_AGENCIES): StepDefinition {
	return {
		id: 'district_review',
		name: { fa: 'بررسی کارشناس منطقه', en: 'District officer review' },
		holder: { role: 'district_officer', districtScoped: true },
		deadlineWorkingDays: days,
		citizenView: {
			fa: 'کارشناس منطقه مدارک پرونده را بررسی می‌کند.',
			en: 'The district officer is reviewing your documents.'
		},
		transitions: OFFICER_REVIEW_EXITS(next, agencies)
	};
}

export function siteInspection(next: string[], view?: Bilingual): StepDefinition {
	return {
		id: 'site_inspection',
		name: { fa: 'بازدید از ملک', en: 'Site inspection' },
		holder: { role: 'inspector', districtScoped: true },
		deadlineWorkingDays: 5,
		citizenView: view ?? {
			fa: 'بازدیدکننده شهرداری از ملک بازدید می‌کند.',
			en: 'A municipal inspector is visiting the property.'
		},
		transitions: [{ action: 'approve', to: next }, { action: 'return_to_applicant' }, { action: 'reject' }]
	};
}

export function feeCalculation(next = 'payment'): StepDefinition {
	return {
		id: 'fee_calculation',
		name: { fa: 'محاسبه عوارض', en: 'Fee calculation' },
		holder: { role: 'district_officer', districtScoped: true },
		deadlineWorkingDays: 2,
		citizenView: {
			fa: 'عوارض بر اساس تعرفه مصوب شورا محاسبه می‌شود؛ ریز محاسبه را خواهید دید.',
			en: 'Fees are being calculated from the council-approved schedule; you will see every line.'
		},
		transitions: [{ action: 'approve', to: [next] }, { action: 'return_to_applicant' }]
	};
}

export const PAYMENT: StepDefinition = {
	id: 'payment',
	name: { fa: 'پرداخت فیش', en: 'Payment' },
	holder: { role: 'applicant' },
	// only while no bill is open: with one, the case is due on the bill's last day (fees/case-billing withBillDeadline)
	deadlineWorkingDays: 10,
	citizenView: {
		fa: 'فیش عوارض صادر شد؛ با شناسه قبض و شناسه پرداخت آن را بپردازید.',
		en: 'Your bill is ready; pay it with its bill id and payment id.'
	},
	transitions: [{ action: 'approve', to: ['issue'] }]
};

/**
 * The fee and payment steps of a request that brings no proposed building (a renewal, an amendment,
 * a completion certificate, an inquiry, a transfer): entering the fee step assesses the fees of
 * `feeKind` from the book in force, read from the case's parcel, and bills them; the payment step
 * moves on once the bill is paid (or nothing is due). Where the system cannot assess, the officer
 * does by hand (/assessments/new) before approving.
 */
export function parcelFeeSteps(feeKind: string): StepDefinition[] {
	return [
		{ ...feeCalculation(), automation: { kind: 'fee_assessment', requestKind: feeKind, from: 'parcel' } },
		{ ...PAYMENT, automation: { kind: 'payment' } }
	];
}

export function issue(name: Bilingual, view: Bilingual): StepDefinition {
	return {
		id: 'issue',
		name,
		holder: { role: 'district_officer', districtScoped: true },
		deadlineWorkingDays: 2,
		citizenView: view,
		transitions: [{ action: 'complete' }, { action: 'return_to_applicant' }]
	};
}
