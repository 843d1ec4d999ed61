/**
 * Checking a bill id + payment id pair as a payer types it or a gateway reports it: every check
 * digit, the service type, and optionally the amount and service the municipality expects.
 * Each problem is named, in Persian and English.
 */
import type { Bilingual } from '../../i18n/lang';
import { toLatinDigits } from '../text';
import { mod11CheckDigit } from './mod11';
import { isKnownServiceType } from './service-types';

export type BillProblemCode =
	| 'not_digits'
	| 'wrong_length'
	| 'bill_check_digit'
	| 'payment_check_digit'
	| 'payment_bill_mismatch'
	| 'unknown_service_type'
	| 'service_type_mismatch'
	| 'amount_mismatch';

export type BillField = 'bill_id' | 'payment_id' | 'barcode';

export interface BillProblem {
	code: BillProblemCode;
	field: BillField;
	message: Bilingual;
}

export interface BillValidation {
	valid: boolean;
	/** The ids as digits only, without padding zeros; '' when unreadable. */
	bill_id: string;
	payment_id: string;
	/** Read from the payment id whenever it has the right shape, even if a check fails. */
	amount_rial: number | null;
	/** Read from the bill id whenever it has the right shape. */
	service_type: number | null;
	/** Last digit of the Jalali year and the period, from the payment id. */
	year_digit: number | null;
	period: number | null;
	problems: BillProblem[];
}

/** What the municipality expects the bill to be; a difference is a problem. */
export interface BillExpectation {
	amount_rial?: number;
	service_type?: number;
}

const FIELD_NAME: Record<BillField, Bilingual> = {
	bill_id: { fa: 'شناسه قبض', en: 'bill id' },
	payment_id: { fa: 'شناسه پرداخت', en: 'payment id' },
	barcode: { fa: 'بارکد', en: 'barcode' }
};

function messageFor(code: BillProblemCode, field: BillField): Bilingual {
	const name = FIELD_NAME[field];
	switch (code) {
		case 'not_digits':
			return { fa: `${name.fa} فقط از رقم تشکیل می‌شود.`, en: `The ${name.en} must contain digits only.` };
		case 'wrong_length':
			return field === 'barcode'
				? { fa: 'بارکد قبض باید ۲۶ رقم باشد.', en: 'The bill barcode must have 26 digits.' }
				: { fa: `${name.fa} باید ۶ تا ۱۳ رقم باشد.`, en: `The ${name.en} must have 6 to 13 digits.` };
		case 'bill_check_digit':
			return {
				fa: 'رقم کنترل شناسه قبض درست نیست؛ شناسه را دوباره بررسی کنید.',
				en: 'The bill id check digit does not match; please check the bill id.'
			};
		case 'payment_check_digit':
			return {
				fa: 'رقم کنترل اول شناسه پرداخت درست نیست؛ شناسه را دوباره بررسی کنید.',
				en: 'The first check digit of the payment id does not match; please check the payment id.'
			};
		case 'payment_bill_mismatch':
			return {
				fa: 'شناسه پرداخت با این شناسه قبض جور نیست (رقم کنترل دوم)؛ هر دو را دوباره بررسی کنید.',
				en: 'The payment id does not belong to this bill id (second check digit); please check both.'
			};
		case 'unknown_service_type':
			return { fa: 'نوع خدمت این قبض شناخته نیست.', en: 'The service type of this bill is not known.' };
		case 'service_type_mismatch':
			return {
				fa: 'نوع خدمت این قبض با نوع مورد انتظار فرق دارد.',
				en: 'This bill is for a different service type than expected.'
			};
		case 'amount_mismatch':
			return {
				fa: 'مبلغ این قبض با مبلغ محاسبه‌شده برابر نیست.',
				en: 'The amount on this bill differs from the amount assessed.'
			};
	}
}

function problem(code: BillProblemCode, field: BillField): BillProblem {
	return { code, field, message: messageFor(code, field) };
}

/** Digits as typed (Persian/Arabic digits, spaces, dashes, ZWNJ allowed), padding zeros dropped. */
function normalise(input: string): string {
	return toLatinDigits(input).replace(/[\s\-\u200c]/g, '');
}

function readId(input: string, field: BillField, problems: BillProblem[]): string | null {
	const text = normalise(input);
	if (text !== '' && !/^\d+$/.test(text)) {
		problems.push(problem('not_digits', field));
		return null;
	}
	const id = text.replace(/^0+/, '');
	if (id.length < 6 || id.length > 13) {
		problems.push(problem('wrong_length', field));
		return null;
	}
	return id;
}

/**
 * Validates a bill id and payment id pair. Persian and Arabic-Indic digits, spaces, dashes and
 * padding zeros are accepted. The pair is valid when it has no problems; the amount and service
 * type are read out for display even when a check fails.
 *
 * @example
 * validateBill('1234567812361', '15234040120', { amount_rial: 152_340_000 })
 * // { valid: true, amount_rial: 152340000, service_type: 6, year_digit: 4, period: 1, problems: [], … }
 */
export function validateBill(billInput: string, paymentInput: string, expect: BillExpectation = {}): BillValidation {
	const problems: BillProblem[] = [];
	const bill = readId(billInput, 'bill_id', problems);
	const payment = readId(paymentInput, 'payment_id', problems);
	let service_type: number | null = null;
	let amount_rial: number | null = null;
	let year_digit: number | null = null;
	let period: number | null = null;

	if (bill) {
		service_type = Number(bill[bill.length - 2]);
		if (mod11CheckDigit(bill.slice(0, -1)) !== Number(bill[bill.length - 1])) {
			problems.push(problem('bill_check_digit', 'bill_id'));
		}
		if (!isKnownServiceType(service_type)) problems.push(problem('unknown_service_type', 'bill_id'));
		else if (expect.service_type !== undefined && expect.service_type !== service_type) {
			problems.push(problem('service_type_mismatch', 'bill_id'));
		}
	}
	if (payment) {
		const n = payment.length;
		amount_rial = Number(payment.slice(0, n - 5)) * 1000;
		year_digit = Number(payment[n - 5]);
		period = Number(payment.slice(n - 4, n - 2));
		if (mod11CheckDigit(payment.slice(0, n - 2)) !== Number(payment[n - 2])) {
			problems.push(problem('payment_check_digit', 'payment_id'));
		}
		if (bill && mod11CheckDigit(bill + payment.slice(0, n - 1)) !== Number(payment[n - 1])) {
			problems.push(problem('payment_bill_mismatch', 'payment_id'));
		}
		if (expect.amount_rial !== undefined && expect.amount_rial !== amount_rial) {
			problems.push(problem('amount_mismatch', 'payment_id'));
		}
	}
	return {
		valid: problems.length === 0,
		bill_id: bill ?? '',
		payment_id: payment ?? '',
		amount_rial,
		service_type,
		year_digit,
		period,
		problems
	};
}

/**
 * Validates a 26-digit bill barcode: the first 13 digits are the bill id and the last 13 the
 * payment id, each left-padded with zeros. (Some libraries read the payment id from digit 16
 * only, which drops the leading digits of payment ids longer than 10.)
 *
 * @example validateBarcode('12345678123610015234040120').payment_id // '15234040120'
 */
export function validateBarcode(input: string, expect: BillExpectation = {}): BillValidation {
	const text = normalise(input);
	const shapeProblem = !/^\d*$/.test(text) ? 'not_digits' : text.length !== 26 ? 'wrong_length' : null;
	if (shapeProblem) {
		return {
			valid: false,
			bill_id: '',
			payment_id: '',
			amount_rial: null,
			service_type: null,
			year_digit: null,
			period: null,
			problems: [problem(shapeProblem, 'barcode')]
		};
	}
	return validateBill(text.slice(0, 13), text.slice(13), expect);
}
