import { describe, expect, it } from 'vitest';
import { nationalIdCheckDigit, validateNationalId } from './national-id';

describe('validateNationalId', () => {
	it('accepts a code whose check digit is 11 − r', () => {
		// 0·10+0·9+8·8+4·7+5·6+7·5+5·4+9·3+4·2 = 212, 212 mod 11 = 3, check = 8
		expect(validateNationalId('0084575948')).toEqual({ ok: true, value: '0084575948' });
	});

	it('uses r itself as the check digit when r is 0 or 1', () => {
		// 2·10 + 1·2 = 22, r = 0 → check 0;  1·10 + 1·2 = 12, r = 1 → check 1
		expect(validateNationalId('2000000010')).toEqual({ ok: true, value: '2000000010' });
		expect(validateNationalId('1000000011')).toEqual({ ok: true, value: '1000000011' });
		expect(validateNationalId('2000000019')).toMatchObject({ ok: false, code: 'bad_check_digit' });
	});

	it('normalises Persian and Arabic digits, spaces and dashes', () => {
		expect(validateNationalId('۰۰۸-۴۵۷۵۹۴-۸')).toEqual({ ok: true, value: '0084575948' });
		expect(validateNationalId('٠٠٨٤٥٧٥٩٤٨ ')).toEqual({ ok: true, value: '0084575948' });
	});

	it('refuses a wrong check digit and says so in both languages', () => {
		const result = validateNationalId('0084575947');
		expect(result).toMatchObject({ ok: false, code: 'bad_check_digit' });
		if (!result.ok) {
			expect(result.message.fa).toContain('رقم کنترل');
			expect(result.message.en).toContain('check digit');
		}
	});

	it('refuses codes of the wrong length, with letters, or empty', () => {
		expect(validateNationalId('008457594')).toMatchObject({ ok: false, code: 'wrong_length' });
		expect(validateNationalId('00845759481')).toMatchObject({ ok: false, code: 'wrong_length' });
		expect(validateNationalId('00845a5948')).toMatchObject({ ok: false, code: 'not_digits' });
		expect(validateNationalId('  ')).toMatchObject({ ok: false, code: 'empty' });
	});

	it('refuses ten identical digits even when the arithmetic passes', () => {
		// 1111111111: sum 54, r = 10, check = 1 — passes the formula, yet is not issued.
		expect(nationalIdCheckDigit('111111111')).toBe(1);
		for (const d of '0123456789') {
			expect(validateNationalId(d.repeat(10))).toMatchObject({ ok: false, code: 'repeated_digits' });
		}
	});
});
