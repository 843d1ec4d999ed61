import type { RequestTypeDefinition } from '../types';
import { OWNER_DOCUMENTS, districtReview, filing, issue, parcelFeeSteps } from './common';

/** Inquiries (استعلام) the municipality answers for banks, notaries and transfers. */

const COMMON = { applicantResponseWorkingDays: 10, referralWorkingDays: 7 };

export const BANK_INQUIRY: RequestTypeDefinition = {
	...COMMON,
	id: 'bank_inquiry',
	family: 'inquiry',
	issues: 'bank_inquiry_answer',
	name: { fa: 'استعلام بانکی', en: 'Bank inquiry' },
	initialStep: 'filing',
	steps: [
		filing('district_review'),
		districtReview(['issue'], 2, ['deeds_registry']),
		issue(
			{ fa: 'پاسخ استعلام', en: 'Inquiry answer' },
			{ fa: 'پاسخ استعلام برای بانک آماده می‌شود.', en: 'The answer to the bank is being prepared.' }
		)
	],
	requiredDocuments: [...OWNER_DOCUMENTS, { kind: 'bank_letter', required: true }],
	eligibility: [{ check: 'no_open_case_of_kind', kinds: ['bank_inquiry'] }]
};

export const NOTARY_INQUIRY: RequestTypeDefinition = {
	...COMMON,
	id: 'notary_inquiry',
	family: 'inquiry',
	issues: 'notary_inquiry_answer',
	name: { fa: 'استعلام دفترخانه', en: 'Notary inquiry' },
	initialStep: 'filing',
	steps: [
		filing('district_review'),
		// Debts (renovation fees, violations) are settled before a notary may register a sale.
		districtReview(['fee_calculation', 'issue'], 2, ['deeds_registry']),
		...parcelFeeSteps('renovation'),
		issue(
			{ fa: 'پاسخ استعلام', en: 'Inquiry answer' },
			{ fa: 'پاسخ استعلام برای دفترخانه ارسال می‌شود.', en: 'The answer is being sent to the notary.' }
		)
	],
	requiredDocuments: [...OWNER_DOCUMENTS, { kind: 'notary_letter', required: true }],
	eligibility: []
};

export const TRANSFER_REQUEST: RequestTypeDefinition = {
	...COMMON,
	id: 'transfer_request',
	family: 'transfer',
	issues: 'transfer_approval',
	name: { fa: 'درخواست نقل و انتقال', en: 'Transfer request' },
	initialStep: 'filing',
	steps: [
		filing('district_review'),
		// the renovation charge (عوارض نوسازی) is settled before the clearance (مفاصا حساب)
		districtReview(['fee_calculation'], 3, ['deeds_registry', 'official_experts']),
		...parcelFeeSteps('renovation'),
		issue(
			{ fa: 'تأیید نقل و انتقال', en: 'Transfer approval' },
			{ fa: 'مفاصا حساب و تأیید نقل و انتقال در حال صدور است.', en: 'The clearance and transfer approval are being issued.' }
		)
	],
	requiredDocuments: [...OWNER_DOCUMENTS, { kind: 'sale_agreement', required: true }],
	eligibility: [{ check: 'no_open_case_of_kind', kinds: ['transfer_request'] }]
};
