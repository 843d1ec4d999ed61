import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../tests/seeded-random';
import { issueBill, paymentIdFor } from './bill-id';
import { validateBarcode, validateBill } from './bill-validation';
import { mod11CheckDigit } from './mod11';
import { serviceTypeName } from './service-types';

const municipal = { bill: '1234567812361', payment: '15234040120' };

function codes(bill: string, payment: string): string[] {
	return validateBill(bill, payment).problems.map((p) => p.code);
}

describe('validateBill', () => {
	it('accepts the published vectors and reads type, amount, year and period', () => {
		expect(validateBill('7748317800142', '1770160')).toMatchObject({
			valid: true,
			service_type: 4,
			amount_rial: 17_000,
			year_digit: 7,
			period: 1,
			problems: []
		});
		expect(validateBill('2050327604613', '1070189')).toMatchObject({ valid: true, service_type: 1, amount_rial: 10_000 });
		expect(validateBill(municipal.bill, municipal.payment, { amount_rial: 152_340_000, service_type: 6 })).toEqual({
			valid: true,
			bill_id: '1234567812361',
			payment_id: '15234040120',
			amount_rial: 152_340_000,
			service_type: 6,
			year_digit: 4,
			period: 1,
			problems: []
		});
	});

	it('refuses the published failing vector on its second check digit only', () => {
		const result = validateBill('9174639504124', '12908197');
		expect(result.valid).toBe(false);
		expect(result.problems).toEqual([
			{ code: 'payment_bill_mismatch', field: 'payment_id', message: expect.objectContaining({ fa: expect.any(String) }) }
		]);
	});

	it('accepts Persian and Arabic-Indic digits, spaces, dashes and padding zeros', () => {
		expect(validateBill('۱۲۳۴۵۶۷۸ ۱۲۳۶۱', '١٥٢٣٤-٠٤٠١٢٠').valid).toBe(true);
		expect(validateBill('0001234567812361', '0015234040120')).toMatchObject({ valid: true, payment_id: '15234040120' });
	});

	it('names a wrong bill check digit and a wrong first payment check digit', () => {
		expect(codes('1234567812362', '15234040120')).toEqual(['bill_check_digit', 'payment_bill_mismatch']);
		expect(codes(municipal.bill, '15234040130')).toEqual(['payment_check_digit', 'payment_bill_mismatch']);
		const message = validateBill('1234567812362', '15234040120').problems[0].message;
		expect(message.fa).toContain('رقم کنترل شناسه قبض');
		expect(message.en).toContain('bill id check digit');
	});

	it('names a payment id issued for another bill', () => {
		expect(codes('7748317800142', municipal.payment)).toEqual(['payment_bill_mismatch']);
	});

	it('reports an amount different from the one assessed, still reading the amount on the bill', () => {
		const result = validateBill(municipal.bill, municipal.payment, { amount_rial: 152_341_000 });
		expect(result).toMatchObject({ valid: false, amount_rial: 152_340_000 });
		expect(result.problems.map((p) => p.code)).toEqual(['amount_mismatch']);
	});

	it('reports a service type other than the one expected', () => {
		const result = validateBill('7748317800142', '1770160', { service_type: 6 });
		expect(result.problems.map((p) => p.code)).toEqual(['service_type_mismatch']);
	});

	it('calls 0 and the disputed digits 7–9 unknown service types, even with good check digits', () => {
		for (const type of [0, 7, 8, 9]) {
			const body = `1234012${type}`;
			const bill = body + mod11CheckDigit(body);
			const payment = paymentIdFor({ bill_id: bill, amount_rial: 5000, jalali_year: 1404, period: 1 });
			expect(codes(bill, payment)).toEqual(['unknown_service_type']);
		}
		expect(serviceTypeName(6)).toEqual({ fa: 'عوارض شهرداری', en: 'Municipal charges' });
		expect(serviceTypeName(8)).toBeNull();
	});

	it('names ids of the wrong length or with letters, per field', () => {
		expect(validateBill('12345', municipal.payment).problems).toEqual([
			expect.objectContaining({ code: 'wrong_length', field: 'bill_id' })
		]);
		expect(validateBill(municipal.bill, '12345678901234').problems).toEqual([
			expect.objectContaining({ code: 'wrong_length', field: 'payment_id' })
		]);
		expect(validateBill('', 'abc')).toMatchObject({
			valid: false,
			amount_rial: null,
			service_type: null,
			problems: [
				expect.objectContaining({ code: 'wrong_length', field: 'bill_id' }),
				expect.objectContaining({ code: 'not_digits', field: 'payment_id' })
			]
		});
		expect(validateBill('12x4567812361', municipal.payment).problems[0].message.en).toContain('bill id');
	});
});

/** Every id with one digit replaced by another. */
function* singleDigitChanges(id: string): Generator<string> {
	for (let i = 0; i < id.length; i++) {
		for (const d of '0123456789') if (d !== id[i]) yield id.slice(0, i) + d + id.slice(i + 1);
	}
}

describe('validateBill on mistyped ids', () => {
	const vectors = [
		['7748317800142', '1770160'],
		['2050327604613', '1070189'],
		[municipal.bill, municipal.payment]
	];

	it.each(vectors)('catches every single-digit change of %s / %s', (bill, payment) => {
		for (const changed of singleDigitChanges(bill)) expect(validateBill(changed, payment).valid).toBe(false);
		for (const changed of singleDigitChanges(payment)) expect(validateBill(bill, changed).valid).toBe(false);
	});

	it('misses a change only when every check it touches has r moving between 0 and 1', () => {
		// A body digit is covered by two check digits (the bill check or check 1, plus check 2), so a
		// change slips through only when both remainders fall in mod 11's blind spot at once.
		const random = seededRandom(2025);
		let changes = 0;
		let missed = 0;
		for (let n = 0; n < 200; n++) {
			const bill = issueBill({
				file_id: 1 + Math.floor(random() * 99_999_999),
				company_code: Math.floor(random() * 1000),
				amount_rial: 1000 * (1 + Math.floor(random() * 99_999_999)),
				jalali_year: 1404,
				period: Math.floor(random() * 100)
			});
			for (const changed of singleDigitChanges(bill.bill_id)) {
				changes++;
				if (validateBill(changed, bill.payment_id).valid) missed++;
			}
			for (const changed of singleDigitChanges(bill.payment_id)) {
				changes++;
				if (validateBill(bill.bill_id, changed).valid) missed++;
			}
		}
		expect(changes).toBeGreaterThan(40_000);
		// Measured: about 3 in 10,000 single-digit changes of a pair go unseen.
		expect(missed / changes).toBeLessThan(0.001);
	});

	it('always catches a changed check digit', () => {
		const bill = municipal.bill;
		for (const d of '0234567890') {
			if (d !== bill.at(-1)) expect(codes(bill.slice(0, -1) + d, municipal.payment)).toContain('bill_check_digit');
		}
	});
});

describe('validateBarcode', () => {
	it('splits the 26 digits into two 13-digit padded ids', () => {
		expect(validateBarcode('12345678123610015234040120', { amount_rial: 152_340_000 })).toMatchObject({
			valid: true,
			bill_id: municipal.bill,
			payment_id: municipal.payment,
			amount_rial: 152_340_000,
			service_type: 6
		});
	});

	it('reads payment ids longer than 10 digits whole, not from digit 16', () => {
		const big = issueBill({ file_id: 1, company_code: 1, amount_rial: 99_999_999_000, jalali_year: 1404, period: 12 });
		expect(big.payment_id).toHaveLength(13);
		expect(validateBarcode(big.barcode)).toMatchObject({
			valid: true,
			payment_id: big.payment_id,
			amount_rial: 99_999_999_000
		});
	});

	it('names a barcode of the wrong length or with letters', () => {
		expect(validateBarcode('1234567812361001523404012').problems).toEqual([
			expect.objectContaining({ code: 'wrong_length', field: 'barcode' })
		]);
		expect(validateBarcode('1234567812361001523404012x').problems[0]).toMatchObject({ code: 'not_digits' });
		expect(validateBarcode('۱۲۳۴۵۶۷۸۱۲۳۶۱۰۰۱۵۲۳۴۰۴۰۱۲۰').valid).toBe(true);
	});
});
