import type { RequestTypeDefinition } from '../types';

/**
 * A building violation (تخلف ساختمانی): opened by the municipality when a supervising engineer's
 * stage report records one (supervision/report.service.ts), never filed by a citizen. The owner is
 * its applicant side: they see it and may answer a return, but cannot withdraw it. The district
 * officer checks the report and sends it to the Article 100 commission, whose ruling (fine or
 * demolition, permits-fees.md) its secretary in the district records.
 */
export const BUILDING_VIOLATION_TYPE = 'building_violation';

export const BUILDING_VIOLATION: RequestTypeDefinition = {
	id: BUILDING_VIOLATION_TYPE,
	family: 'violation',
	name: { fa: 'تخلف ساختمانی', en: 'Building violation' },
	initialStep: 'district_review',
	withdrawable: false,
	steps: [
		{
			id: 'district_review',
			name: { fa: 'بررسی گزارش تخلف', en: 'Violation report review' },
			holder: { role: 'district_officer', districtScoped: true },
			deadlineWorkingDays: 5,
			citizenView: {
				fa: 'مهندس ناظر تخلفی در ساختمان گزارش کرده است؛ کارشناس منطقه گزارش را بررسی می‌کند.',
				en: 'The supervising engineer reported a violation in the building; the district officer is reviewing the report.'
			},
			transitions: [{ action: 'approve', to: ['article_100_commission'] }, { action: 'return_to_applicant' }, { action: 'reject' }]
		},
		{
			id: 'article_100_commission',
			name: { fa: 'کمیسیون ماده ۱۰۰', en: 'Article 100 commission' },
			holder: { role: 'district_officer', districtScoped: true },
			deadlineWorkingDays: 30,
			citizenView: {
				fa: 'پرونده در نوبت کمیسیون ماده ۱۰۰ است؛ رأی کمیسیون (جریمه یا قلع بنا) در پرونده ثبت می‌شود.',
				en: 'The case is queued for the Article 100 commission; its ruling (a fine or demolition) is recorded here.'
			},
			transitions: [{ action: 'complete' }, { action: 'return_to_applicant' }, { action: 'reject' }]
		}
	],
	requiredDocuments: [],
	eligibility: [{ check: 'opened_by_municipality' }],
	issues: null,
	applicantResponseWorkingDays: 10,
	referralWorkingDays: 10
};
