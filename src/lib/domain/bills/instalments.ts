/**
 * A fee too large for one payment id (8 digits of thousands of rials, at most 99,999,999,000
 * rials) is issued as several bills, «اقساط»: the same bill id (the same file), each instalment
 * with its own payment id, told apart by the period digits, which count the bills issued on the
 * file (research notes, permits-fees.md §A: "the period can count how many times the same file
 * was re-assessed"; a split assessment takes one period per instalment). Each payment id carries
 * its own amount and both check digits, so every instalment is a complete, valid bill on its own.
 */
import { BillIdError, billIdFor, barcodeFor, MAX_BILL_AMOUNT_RIAL, paymentIdFor, type BillIdParts, type IssuedBill } from './bill-id';

/** The highest period a payment id can write (two digits). */
export const MAX_PERIOD = 99;

export interface Instalment extends IssuedBill {
	/** 1-based: the first, second, … bill of the assessment. */
	seq: number;
	/** The period digits of this instalment's payment id. */
	period: number;
}

/**
 * Splits a total of whole thousands of rials into as few amounts as fit one payment id each,
 * as even as possible (they differ by at most 1,000 rials, the larger ones first) and adding up
 * to the total exactly. A total that fits one bill gives one amount.
 *
 * @example splitAmount(250_000_000_000) // [83_333_334_000, 83_333_333_000, 83_333_333_000]
 */
export function splitAmount(total_rial: number, max_rial: number = MAX_BILL_AMOUNT_RIAL): number[] {
	if (!Number.isFinite(total_rial) || total_rial <= 0) throw new BillIdError('amount_not_positive');
	if (!Number.isSafeInteger(total_rial) || total_rial % 1000 !== 0) throw new BillIdError('amount_not_whole_thousands');
	const thousands = total_rial / 1000;
	const maxThousands = Math.floor(max_rial / 1000);
	const n = Math.ceil(thousands / maxThousands);
	const base = Math.floor(thousands / n);
	const extra = thousands - base * n;
	return Array.from({ length: n }, (_, i) => (base + (i < extra ? 1 : 0)) * 1000);
}

export interface InstalmentParts extends BillIdParts {
	/** The assessment's total: whole thousands of rials, any size the periods left can carry. */
	amount_rial: number;
	jalali_year: number;
	/** The period of the first instalment; the others follow it (first_period + 1, …). */
	first_period: number;
}

/**
 * Issues the bills of a total: one when it fits a payment id, else the fewest instalments that
 * do, under one bill id with consecutive periods. Throws a {@link BillIdError} naming the input
 * at fault; `too_many_instalments` when the periods left on the file (up to 99) cannot hold them.
 *
 * @example
 * issueInstalments({ file_id: 12345678, company_code: 123, amount_rial: 152_340_000, jalali_year: 1404, first_period: 1 })
 * // [{ seq: 1, period: 1, bill_id: '1234567812361', payment_id: '15234040120', … }]
 */
export function issueInstalments(parts: InstalmentParts): Instalment[] {
	const bill_id = billIdFor(parts);
	const amounts = splitAmount(parts.amount_rial);
	const first = parts.first_period;
	if (!Number.isInteger(first) || first < 0 || first > MAX_PERIOD) throw new BillIdError('bad_period');
	if (first + amounts.length - 1 > MAX_PERIOD) throw new BillIdError('too_many_instalments');
	return amounts.map((amount_rial, i) => {
		const period = first + i;
		const payment_id = paymentIdFor({ bill_id, amount_rial, jalali_year: parts.jalali_year, period });
		return { seq: i + 1, period, bill_id, payment_id, barcode: barcodeFor(bill_id, payment_id), amount_rial };
	});
}
