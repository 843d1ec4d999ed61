import { describe, expect, it } from 'vitest';
import { BillIdError, MAX_BILL_AMOUNT_RIAL } from './bill-id';
import { issueInstalments, splitAmount } from './instalments';
import { validateBarcode, validateBill } from './bill-validation';
import { mod11CheckDigit } from './mod11';

const file = { file_id: 12345678, company_code: 123, jalali_year: 1404 };

describe('splitAmount', () => {
	it('keeps an amount that fits one payment id whole, up to the very limit', () => {
		expect(splitAmount(152_340_000)).toEqual([152_340_000]);
		expect(splitAmount(MAX_BILL_AMOUNT_RIAL)).toEqual([MAX_BILL_AMOUNT_RIAL]);
	});

	it('splits 1,000 rials above the limit into two nearly equal bills', () => {
		expect(splitAmount(MAX_BILL_AMOUNT_RIAL + 1000)).toEqual([50_000_000_000, 50_000_000_000]);
	});

	it('splits into the fewest bills, each under the limit, larger ones first, adding up exactly', () => {
		const total = 250_000_000_000;
		const parts = splitAmount(total);
		expect(parts).toEqual([83_333_334_000, 83_333_333_000, 83_333_333_000]);
		for (const total of [199_999_998_000, 199_999_999_000, 1_234_567_891_000, 9_899_999_901_000]) {
			const parts = splitAmount(total);
			expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
			expect(parts.length).toBe(Math.ceil(total / MAX_BILL_AMOUNT_RIAL));
			expect(Math.max(...parts)).toBeLessThanOrEqual(MAX_BILL_AMOUNT_RIAL);
			expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1000);
			expect(parts.every((p) => p % 1000 === 0)).toBe(true);
		}
	});

	it.each([
		[0, 'amount_not_positive'],
		[-1000, 'amount_not_positive'],
		[Number.POSITIVE_INFINITY, 'amount_not_positive'],
		[150_000_500, 'amount_not_whole_thousands'],
		[2 ** 60, 'amount_not_whole_thousands']
	])('refuses %d rials with %s', (amount, code) => {
		expect(() => splitAmount(amount)).toThrow(expect.objectContaining({ code }));
	});
});

describe('issueInstalments', () => {
	it('issues one bill, the worked municipal example, when the amount fits', () => {
		expect(issueInstalments({ ...file, amount_rial: 152_340_000, first_period: 1 })).toEqual([
			{ seq: 1, period: 1, bill_id: '1234567812361', payment_id: '15234040120', barcode: '12345678123610015234040120', amount_rial: 152_340_000 }
		]);
	});

	it('issues a 250 billion rial fee as 3 bills: one bill id, consecutive periods, each valid by its check digits', () => {
		const bills = issueInstalments({ ...file, amount_rial: 250_000_000_000, first_period: 4 });
		expect(bills.map((b) => [b.seq, b.period, b.amount_rial])).toEqual([
			[1, 4, 83_333_334_000],
			[2, 5, 83_333_333_000],
			[3, 6, 83_333_333_000]
		]);
		expect(new Set(bills.map((b) => b.bill_id))).toEqual(new Set(['1234567812361']));
		expect(new Set(bills.map((b) => b.payment_id)).size).toBe(3);
		for (const b of bills) {
			// the payment id, digit by digit: amount in thousands · year digit · period · check 1 · check 2
			const body = `${b.amount_rial / 1000}4${String(b.period).padStart(2, '0')}`;
			const first = body + mod11CheckDigit(body);
			expect(b.payment_id).toBe(first + mod11CheckDigit(b.bill_id + first));
			expect(validateBill(b.bill_id, b.payment_id, { amount_rial: b.amount_rial, service_type: 6 })).toMatchObject({ valid: true, period: b.period, problems: [] });
			expect(validateBarcode(b.barcode)).toMatchObject({ valid: true, amount_rial: b.amount_rial });
		}
	});

	it('gives two instalments of equal amounts different payment ids (the period differs)', () => {
		const [a, b] = issueInstalments({ ...file, amount_rial: 2 * 60_000_000_000, first_period: 0 });
		expect(a.amount_rial).toBe(b.amount_rial);
		expect(a.payment_id).not.toBe(b.payment_id);
		// 60,000,000 thousands · year 4 · period 00 / 01 · two check digits
		expect(a.payment_id).toMatch(/^600000004(00)\d\d$/);
		expect(b.payment_id).toMatch(/^600000004(01)\d\d$/);
	});

	it('refuses more instalments than the file has periods left, in Persian and English', () => {
		const call = () => issueInstalments({ ...file, amount_rial: 3 * MAX_BILL_AMOUNT_RIAL, first_period: 98 });
		expect(call).toThrow(BillIdError);
		expect(call).toThrow(expect.objectContaining({ code: 'too_many_instalments', messages: { fa: expect.stringContaining('دوره'), en: expect.stringContaining('period') } }));
		expect(issueInstalments({ ...file, amount_rial: 2 * MAX_BILL_AMOUNT_RIAL, first_period: 98 }).map((b) => b.period)).toEqual([98, 99]);
		expect(() => issueInstalments({ ...file, amount_rial: 1000, first_period: 100 })).toThrow(expect.objectContaining({ code: 'bad_period' }));
	});
});
