import { describe, expect, it } from 'vitest';
import { barcodeFor, BillIdError, billIdFor, issueBill, MAX_BILL_AMOUNT_RIAL, paymentIdFor } from './bill-id';
import { validateBill } from './bill-validation';

const municipal = { file_id: 12345678, company_code: 123, amount_rial: 152_340_000, jalali_year: 1404, period: 1 };

describe('issueBill', () => {
	it('reproduces the worked municipal example (service type 6) digit for digit', () => {
		expect(issueBill(municipal)).toEqual({
			bill_id: '1234567812361',
			payment_id: '15234040120',
			barcode: '12345678123610015234040120',
			amount_rial: 152_340_000
		});
	});

	it('issues the smallest bill: a one-digit file id and 1,000 rials give two 6-digit ids', () => {
		const bill = issueBill({ file_id: 1, company_code: 5, amount_rial: 1000, jalali_year: 1400, period: 0 });
		expect(bill.bill_id).toMatch(/^10056\d$/);
		expect(bill.payment_id).toMatch(/^1000\d\d$/);
		expect(bill.barcode).toHaveLength(26);
		expect(validateBill(bill.bill_id, bill.payment_id).valid).toBe(true);
	});

	it('issues the largest amount one bill can carry as a 13-digit payment id', () => {
		const bill = issueBill({ ...municipal, amount_rial: MAX_BILL_AMOUNT_RIAL, period: 99 });
		expect(bill.payment_id).toMatch(/^99999999499\d\d$/);
		expect(validateBill(bill.bill_id, bill.payment_id)).toMatchObject({ valid: true, amount_rial: 99_999_999_000 });
	});
});

describe('billIdFor', () => {
	it('reproduces the published telephone and water bill ids', () => {
		expect(billIdFor({ file_id: 77483178, company_code: 1, service_type: 4 })).toBe('7748317800142');
		expect(billIdFor({ file_id: '20503276', company_code: '046', service_type: 1 })).toBe('2050327604613');
	});

	it('uses service type 6, municipal charges, unless told otherwise', () => {
		expect(billIdFor({ file_id: 12345678, company_code: 123 }).at(-2)).toBe('6');
	});

	it.each([
		[{ file_id: 0, company_code: 1 }, 'bad_file_id'],
		[{ file_id: 123456789, company_code: 1 }, 'bad_file_id'],
		[{ file_id: 1.5, company_code: 1 }, 'bad_file_id'],
		[{ file_id: '12a', company_code: 1 }, 'bad_file_id'],
		[{ file_id: 1, company_code: 1000 }, 'bad_company_code'],
		[{ file_id: 1, company_code: -1 }, 'bad_company_code'],
		[{ file_id: 1, company_code: 1, service_type: 0 }, 'bad_service_type'],
		[{ file_id: 1, company_code: 1, service_type: 10 }, 'bad_service_type']
	])('refuses %o with %s', (parts, code) => {
		expect(() => billIdFor(parts)).toThrow(expect.objectContaining({ code }));
	});
});

describe('paymentIdFor', () => {
	it('reproduces the published payment ids, writing only the last digit of the year', () => {
		expect(paymentIdFor({ bill_id: '7748317800142', amount_rial: 17_000, jalali_year: 1397, period: 1 })).toBe(
			'1770160'
		);
		expect(paymentIdFor({ bill_id: '2050327604613', amount_rial: 10_000, jalali_year: 7, period: 1 })).toBe(
			'1070189'
		);
	});

	it('ties the payment id to its bill id through the second check digit', () => {
		const a = paymentIdFor({ bill_id: '1234567812361', amount_rial: 152_340_000, jalali_year: 1404, period: 1 });
		const b = paymentIdFor({ bill_id: '7748317800142', amount_rial: 152_340_000, jalali_year: 1404, period: 1 });
		expect(a.slice(0, -1)).toBe(b.slice(0, -1));
		expect(a).not.toBe(b);
	});

	it.each([
		[152_340_500, 'amount_not_whole_thousands'],
		[1000.5, 'amount_not_whole_thousands'],
		[0, 'amount_not_positive'],
		[-5000, 'amount_not_positive'],
		[Number.NaN, 'amount_not_positive'],
		[MAX_BILL_AMOUNT_RIAL + 1000, 'amount_too_large']
	])('refuses an amount of %d rials with %s', (amount_rial, code) => {
		const call = () => paymentIdFor({ bill_id: '1234567812361', amount_rial, jalali_year: 1404, period: 1 });
		expect(call).toThrow(BillIdError);
		expect(call).toThrow(expect.objectContaining({ code }));
	});

	it('refuses a period above 99 and a negative year, in Persian and English', () => {
		const base = { bill_id: '1234567812361', amount_rial: 1000, jalali_year: 1404, period: 1 };
		expect(() => paymentIdFor({ ...base, period: 100 })).toThrow(expect.objectContaining({ code: 'bad_period' }));
		try {
			paymentIdFor({ ...base, jalali_year: -1 });
			expect.unreachable();
		} catch (error) {
			expect(error).toMatchObject({ code: 'bad_year', messages: { fa: expect.stringContaining('سال') } });
			expect((error as Error).message).toContain('year');
		}
	});

	it('refuses a bill id that is not one', () => {
		expect(() => paymentIdFor({ bill_id: '0123456', amount_rial: 1000, jalali_year: 1, period: 1 })).toThrow(
			RangeError
		);
	});
});

describe('barcodeFor', () => {
	it('pads both ids with zeros to 13 digits each', () => {
		expect(barcodeFor('7748317800142', '1770160')).toBe('77483178001420000001770160');
		expect(barcodeFor('100563', '100012')).toBe('00000001005630000000100012');
	});

	it('refuses an id longer than 13 digits', () => {
		expect(() => barcodeFor('12345678901234', '1')).toThrow(RangeError);
	});
});
