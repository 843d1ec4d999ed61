import { ConflictError, ForbiddenError, NotFoundError, BadInputError } from '../errors';
import type { IssuedDocumentStatus } from '../db/schema';

const STATUS_FA: Record<IssuedDocumentStatus, string> = { valid: 'معتبر', suspended: 'معلق', revoked: 'باطل‌شده', superseded: 'جایگزین‌شده' };

export const issuedErrors = {
	notFound: () => new NotFoundError('issued_document_not_found', { fa: 'سند صادرشده‌ای با این شناسه پیدا نشد.', en: 'No such issued document.' }),
	notIssued: () =>
		new NotFoundError('document_not_issued', {
			fa: 'این سند را این شهرداری صادر نکرده است: کد تصدیق در سامانه ثبت نیست. سند را نپذیرید و موضوع را به شهرداری خبر دهید.',
			en: 'This document was not issued by this municipality: the verification code is not on record. Do not accept it, and tell the municipality.'
		}),
	staffOnly: () =>
		new ForbiddenError('issued_document_staff_only', { fa: 'وضعیت سند صادرشده را فقط کارکنان تغییر می‌دهند.', en: 'Only staff change an issued document’s status.' }),
	reasonRequired: () =>
		new BadInputError('status_reason_required', {
			fa: 'دلیل تغییر وضعیت سند را بنویسید (حداکثر ۱۰۰۰ نویسه).',
			en: 'Give the reason for the status change (at most 1000 characters).'
		}),
	badTransition: (from: IssuedDocumentStatus, to: IssuedDocumentStatus) =>
		new ConflictError('bad_status_change', {
			fa: `سند ${STATUS_FA[from]} را نمی‌توان ${STATUS_FA[to]} کرد.`,
			en: `An issued document that is ${from} cannot become ${to}.`
		}),
	badReplacement: () =>
		new BadInputError('bad_replacement', {
			fa: 'سند جایگزین باید سند معتبر دیگری از همان نوع باشد.',
			en: 'The replacement must be another valid document of the same kind.'
		}),
	tampered: (number: string) =>
		new ConflictError('issued_document_tampered', {
			fa: `محتوای ثبت‌شدهٔ سند ${number} با اثر انگشت آن نمی‌خواند؛ سند بارگیری نمی‌شود.`,
			en: `The stored content of document ${number} no longer matches its fingerprint; it is not served.`
		})
};
