/**
 * Issuing bill ids (شناسه قبض), payment ids (شناسه پرداخت) and their 26-digit barcode.
 *
 * - Bill id, 6–13 digits: file id (≤ 8 digits) · company code (3) · service type (1) · check (1).
 * - Payment id, 6–13 digits: amount in thousands of rials (≤ 8 digits) · year (1, last digit of
 *   the Jalali year) · period (2) · check 1 over those · check 2 over bill id + all of the above.
 * - Barcode: the bill id left-padded with zeros to 13 digits, then the payment id padded to 13.
 */
import type { Bilingual } from '../../i18n/lang';
import { mod11CheckDigit } from './mod11';
import { MUNICIPAL_CHARGES } from './service-types';

/** The largest amount one bill can carry: 8 digits of thousands of rials. Larger fees need several bills. */
export const MAX_BILL_AMOUNT_RIAL = 99_999_999_000;

export type BillIdErrorCode =
	| 'bad_file_id'
	| 'bad_company_code'
	| 'bad_service_type'
	| 'bad_year'
	| 'bad_period'
	| 'amount_not_positive'
	| 'amount_not_whole_thousands'
	| 'amount_too_large'
	| 'too_many_instalments';

const ERRORS: Record<BillIdErrorCode, Bilingual> = {
	bad_file_id: {
		fa: 'شمارهٔ پرونده باید عددی مثبت با حداکثر ۸ رقم باشد.',
		en: 'The file id must be a positive number of at most 8 digits.'
	},
	bad_company_code: {
		fa: 'کد شرکت (شهرداری) باید عددی سه‌رقمی باشد.',
		en: 'The company (municipality) code must be a number of at most 3 digits.'
	},
	bad_service_type: { fa: 'نوع خدمت باید یک رقم ۱ تا ۹ باشد.', en: 'The service type must be one digit, 1 to 9.' },
	bad_year: { fa: 'سال باید عدد صحیح نامنفی باشد.', en: 'The year must be a whole number, not negative.' },
	bad_period: { fa: 'دوره باید عددی از ۰ تا ۹۹ باشد.', en: 'The period must be a number from 0 to 99.' },
	amount_not_positive: { fa: 'مبلغ قبض باید بیشتر از صفر باشد.', en: 'The bill amount must be above zero.' },
	amount_not_whole_thousands: {
		fa: 'مبلغ قبض باید مضرب هزار ریال باشد؛ پیش از صدور قبض گرد کنید.',
		en: 'The bill amount must be whole thousands of rials; round it before issuing the bill.'
	},
	amount_too_large: {
		fa: 'مبلغ قبض از ۹۹٬۹۹۹٬۹۹۹٬۰۰۰ ریال بیشتر است؛ آن را در چند قبض صادر کنید.',
		en: 'The amount exceeds 99,999,999,000 rials, the most one bill can carry; split it into several bills.'
	},
	too_many_instalments: {
		fa: 'این مبلغ در قبض‌هایی که این پرونده هنوز می‌تواند صادر کند (دورهٔ ۰ تا ۹۹ شناسهٔ پرداخت) جا نمی‌شود.',
		en: 'The amount does not fit the bills this file can still issue (payment id periods 0 to 99).'
	}
};

/** A bill or payment id cannot be issued from these inputs; `code` names the input at fault. */
export class BillIdError extends Error {
	readonly messages: Bilingual;
	constructor(readonly code: BillIdErrorCode) {
		super(ERRORS[code].en);
		this.name = 'BillIdError';
		this.messages = ERRORS[code];
	}
}

function wholeInRange(value: number | string, max: number, code: BillIdErrorCode, min = 0): number {
	const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw new BillIdError(code);
	return n;
}

export interface BillIdParts {
	/** The municipality's own number for this bill, e.g. the fee assessment's sequence number. */
	file_id: number | string;
	/** Assigned by the bank or PSP to the municipality. */
	company_code: number | string;
	/** Defaults to {@link MUNICIPAL_CHARGES}. */
	service_type?: number;
}

/**
 * The bill id for a file: file id, company code padded to 3 digits, service type, check digit.
 *
 * @example billIdFor({ file_id: 12345678, company_code: 123 }) // '1234567812361'
 */
export function billIdFor({ file_id, company_code, service_type = MUNICIPAL_CHARGES }: BillIdParts): string {
	const file = wholeInRange(file_id, 99_999_999, 'bad_file_id', 1);
	const company = wholeInRange(company_code, 999, 'bad_company_code');
	const type = wholeInRange(service_type, 9, 'bad_service_type', 1);
	const body = `${file}${String(company).padStart(3, '0')}${type}`;
	return body + mod11CheckDigit(body);
}

export interface PaymentIdParts {
	bill_id: string;
	/** Whole thousands of rials, 1,000 to {@link MAX_BILL_AMOUNT_RIAL}. */
	amount_rial: number;
	/** The Jalali year; only its last digit is written. */
	jalali_year: number;
	/** Which issue of the same file this is (e.g. the re-assessment count), 0–99. */
	period: number;
}

/**
 * The payment id: amount in thousands, year digit, 2-digit period, then check 1 over those and
 * check 2 over the bill id followed by everything before it.
 *
 * @example paymentIdFor({ bill_id: '1234567812361', amount_rial: 152_340_000, jalali_year: 1404, period: 1 }) // '15234040120'
 */
export function paymentIdFor({ bill_id, amount_rial, jalali_year, period }: PaymentIdParts): string {
	if (!/^[1-9]\d{5,12}$/.test(bill_id)) throw new RangeError(`paymentIdFor: "${bill_id}" is not a bill id`);
	if (!Number.isFinite(amount_rial) || amount_rial <= 0) throw new BillIdError('amount_not_positive');
	if (!Number.isInteger(amount_rial) || amount_rial % 1000 !== 0) throw new BillIdError('amount_not_whole_thousands');
	if (amount_rial > MAX_BILL_AMOUNT_RIAL) throw new BillIdError('amount_too_large');
	const year = wholeInRange(jalali_year, Number.MAX_SAFE_INTEGER, 'bad_year');
	const issue = wholeInRange(period, 99, 'bad_period');
	const body = `${amount_rial / 1000}${year % 10}${String(issue).padStart(2, '0')}`;
	const first = body + mod11CheckDigit(body);
	return first + mod11CheckDigit(bill_id + first);
}

/**
 * The 26-digit barcode printed on a bill: both ids left-padded with zeros to 13 digits.
 *
 * @example barcodeFor('1234567812361', '15234040120') // '12345678123610015234040120'
 */
export function barcodeFor(bill_id: string, payment_id: string): string {
	if (!/^\d{1,13}$/.test(bill_id) || !/^\d{1,13}$/.test(payment_id)) {
		throw new RangeError('barcodeFor: each id must be 1–13 digits');
	}
	return bill_id.padStart(13, '0') + payment_id.padStart(13, '0');
}

export interface IssuedBill {
	bill_id: string;
	payment_id: string;
	barcode: string;
	amount_rial: number;
}

/**
 * Issues a bill: both ids and the barcode. Inputs out of range throw a {@link BillIdError}
 * naming the input, in Persian and English.
 *
 * @example
 * issueBill({ file_id: 12345678, company_code: 123, amount_rial: 152_340_000, jalali_year: 1404, period: 1 })
 * // { bill_id: '1234567812361', payment_id: '15234040120', barcode: '12345678123610015234040120', amount_rial: 152340000 }
 */
export function issueBill(parts: BillIdParts & Omit<PaymentIdParts, 'bill_id'>): IssuedBill {
	const bill_id = billIdFor(parts);
	const payment_id = paymentIdFor({ ...parts, bill_id });
	return { bill_id, payment_id, barcode: barcodeFor(bill_id, payment_id), amount_rial: parts.amount_rial };
}
