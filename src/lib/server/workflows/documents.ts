import type { Bilingual } from '../../i18n/lang';
import type { DocumentRequirement, RequestTypeDefinition } from './types';

/** The documents the seeds name (Qom's «قمیار» list, Isfahan and Mashhad permits). */
export const DOCUMENT_KINDS = {
	deed: { fa: 'سند مالکیت', en: 'Title deed' },
	sale_agreement: { fa: 'مبایعه‌نامه', en: 'Sale agreement' },
	allocation_letter: { fa: 'نامه تخصیص', en: 'Allocation letter' },
	national_card: { fa: 'کارت ملی', en: 'National card' },
	power_of_attorney: { fa: 'وکالت‌نامه', en: 'Power of attorney' },
	engineering_drawings: { fa: 'نقشه‌های مهندسی', en: 'Engineering drawings' },
	earlier_permit: { fa: 'پروانه ساختمانی قبلی', en: 'Earlier building permit' },
	completion_certificate: { fa: 'گواهی پایان کار', en: 'Completion certificate' },
	articles_of_association: { fa: 'اساسنامه و آگهی تأسیس', en: 'Articles of association' },
	agent_introduction_letter: { fa: 'معرفی‌نامه نماینده شخص حقوقی', en: 'Letter introducing a legal person’s agent' },
	supervisor_report: { fa: 'گزارش مهندس ناظر', en: 'Supervising engineer’s report' },
	structural_calculations: { fa: 'دفترچه محاسبات سازه', en: 'Structural calculations' },
	site_photos: { fa: 'عکس‌های ملک', en: 'Photos of the property' },
	payment_receipt: { fa: 'رسید پرداخت', en: 'Payment receipt' },
	bank_letter: { fa: 'نامه استعلام بانک', en: 'Bank’s inquiry letter' },
	notary_letter: { fa: 'نامه استعلام دفترخانه', en: 'Notary’s inquiry letter' },
	insurance_policy: { fa: 'بیمه‌نامه مسئولیت ساختمان', en: 'Construction liability insurance' }
} as const satisfies Record<string, Bilingual>;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export function isDocumentKind(value: unknown): value is DocumentKind {
	return typeof value === 'string' && Object.hasOwn(DOCUMENT_KINDS, value);
}

/** Natural person, legal person (company), and anyone filing through a technical representative. */
export const APPLICANT_TYPES = ['natural_person', 'legal_person'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];


/** The documents this applicant must (or may) upload for a request type. */
export function documentsFor(
	definition: RequestTypeDefinition,
	applicant: { type: ApplicantType; viaRepresentative: boolean }
): DocumentRequirement[] {
	return definition.requiredDocuments.filter(
		(doc) =>
			(!doc.applicantTypes || doc.applicantTypes.includes(applicant.type)) &&
			(!doc.viaRepresentativeOnly || applicant.viaRepresentative)
	);
}
