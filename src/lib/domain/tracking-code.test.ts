import { describe, expect, it } from 'vitest';
import { formatTrackingCode, generateTrackingCode, luhnCheckDigit, parseTrackingCode } from './tracking-code';
import { toPersianDigits } from './text';

const fixedDigits = (count: number) => '123456789'.slice(0, count);

describe('tracking codes', () => {
	it('starts with the Jalali year and ends with a Luhn check digit', () => {
		const code = generateTrackingCode(1404, fixedDigits);
		expect(code).toMatch(/^04123456789\d$/);
		expect(code.at(-1)).toBe(String(luhnCheckDigit('04123456789')));
	});

	it('computes the standard Luhn digit', () => {
		expect(luhnCheckDigit('7992739871')).toBe(3); // the textbook example 79927398713
	});

	it('reads back a code typed in Persian digits with dashes', () => {
		const code = generateTrackingCode(1405, fixedDigits);
		expect(parseTrackingCode(toPersianDigits(formatTrackingCode(code)))).toBe(code);
		// a code of the previous system is shown as it was written, not cut into groups
		expect(formatTrackingCode('PLK-1405-000029')).toBe('PLK-1405-000029');
	});

	it('refuses a code with one digit mistyped or two neighbours swapped', () => {
		const code = generateTrackingCode(1404, fixedDigits);
		const mistyped = code.slice(0, 5) + ((Number(code[5]) + 1) % 10) + code.slice(6);
		const swapped = code.slice(0, 3) + code[4] + code[3] + code.slice(5);
		expect(parseTrackingCode(mistyped)).toBeNull();
		expect(parseTrackingCode(swapped)).toBeNull();
		expect(parseTrackingCode('123')).toBeNull();
	});

	it('draws different random codes by default', () => {
		const codes = new Set(Array.from({ length: 20 }, () => generateTrackingCode(1404)));
		expect(codes.size).toBe(20);
		for (const code of codes) expect(parseTrackingCode(code)).toBe(code);
	});
});
