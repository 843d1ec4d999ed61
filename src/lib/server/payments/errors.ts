import { DomainError, type Bilingual } from '../errors';

/**
 * Why a payment or a callback was refused. Each refusal changes nothing; the message names the
 * reason in Persian and English.
 */
export type PaymentErrorCode =
	| 'callback_malformed'
	| 'unknown_authority'
	| 'payment_replayed'
	| 'payment_cancelled'
	| 'assessment_not_open'
	| 'assessment_expired'
	| 'ids_mismatch'
	| 'amount_mismatch'
	| 'not_paid_at_gateway'
	| 'sample_not_payable'
	| 'receipt_not_found'
	| 'bill_not_found';

const MESSAGES: Record<PaymentErrorCode, [number, Bilingual]> = {
	callback_malformed: [
		400,
		{ fa: 'پاسخ درگاه ناقص است (شناسهٔ تراکنش یا وضعیت ندارد).', en: 'The gateway callback is malformed (no authority or status).' }
	],
	unknown_authority: [400, { fa: 'این تراکنش را پلاک درخواست نکرده است.', en: 'Pelak never requested this transaction (unknown authority).' }],
	payment_replayed: [
		409,
		{ fa: 'این پرداخت پیش‌تر تأیید شده است؛ پاسخ تکراری درگاه پذیرفته نمی‌شود.', en: 'This payment was already verified; a replayed callback is refused.' }
	],
	payment_cancelled: [409, { fa: 'این تراکنش لغو شده است؛ دوباره پرداخت کنید.', en: 'This transaction was cancelled; start a new payment.' }],
	assessment_not_open: [
		409,
		{ fa: 'این صورت‌حساب دیگر قابل پرداخت نیست (پرداخت، لغو یا جایگزین شده است).', en: 'This bill can no longer be paid (it was paid, cancelled or replaced).' }
	],
	assessment_expired: [
		409,
		{ fa: 'مهلت پرداخت این قبض گذشته است؛ محاسبهٔ دوباره بخواهید.', en: 'This bill is past its last day; ask for a new assessment.' }
	],
	ids_mismatch: [
		409,
		{ fa: 'شناسهٔ قبض یا پرداخت این تراکنش با صورت‌حساب جور نیست.', en: 'The bill or payment id of this transaction does not match the assessment.' }
	],
	amount_mismatch: [
		409,
		{ fa: 'مبلغ پرداخت‌شده با مبلغ صورت‌حساب برابر نیست.', en: 'The amount paid differs from the amount assessed.' }
	],
	not_paid_at_gateway: [409, { fa: 'درگاه پرداخت این تراکنش را تأیید نکرد.', en: 'The gateway does not confirm this transaction as paid.' }],
	sample_not_payable: [
		409,
		{ fa: 'این صورت‌حساب با کتاب تعرفهٔ نمونه محاسبه شده و فقط در درگاه آزمایشی پرداخت می‌شود.', en: 'This bill was assessed with the SAMPLE tariff book; only the sandbox gateway takes it.' }
	],
	receipt_not_found: [404, { fa: 'رسیدی با این شناسه پیدا نشد.', en: 'No such receipt.' }],
	bill_not_found: [400, { fa: 'این صورت‌حساب قبضی با این شماره ندارد.', en: 'This assessment has no bill with that number.' }]
};

export class PaymentError extends DomainError {
	constructor(
		readonly code: PaymentErrorCode,
		options?: { cause?: unknown }
	) {
		const [status, messages] = MESSAGES[code];
		super(status, code, messages, options);
	}
}
