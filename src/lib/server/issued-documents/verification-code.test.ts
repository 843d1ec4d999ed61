import { describe, expect, it } from 'vitest';
import { canonicalVerificationCode, newVerificationCode, VERIFICATION_CODE_PATTERN } from './verification-code';
import { documentNumber, numberYear } from './document-numbers';

describe('verification codes', () => {
	it('carries 100 random bits as four groups of five base32 characters', () => {
		const code = newVerificationCode();
		expect(code).toMatch(VERIFICATION_CODE_PATTERN);
		expect(code.replaceAll('-', '')).toHaveLength(20); // 20 × 5 bits
		expect(new Set(Array.from({ length: 200 }, () => newVerificationCode())).size).toBe(200);
	});

	it('encodes every bit of the random bytes', () => {
		expect(newVerificationCode((n) => Buffer.alloc(n, 0))).toBe('00000-00000-00000-00000');
		expect(newVerificationCode((n) => Buffer.alloc(n, 0xff))).toBe('ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ');
	});

	it('reads a typed code in canonical form and refuses what cannot be one', () => {
		expect(canonicalVerificationCode(' 7k2qd-9xf4m-abcde-o1il0 ')).toBe('7K2QD-9XF4M-ABCDE-01110');
		expect(canonicalVerificationCode('K7Q2-9XF4')).toBeNull();
		expect(canonicalVerificationCode('7K2QD-9XF4M-ABCDE-0111U')).toBeNull();
		expect(canonicalVerificationCode('x'.repeat(100))).toBeNull();
	});
});

describe('document numbers', () => {
	it('numbers by kind and Jalali year, six digits', () => {
		expect(numberYear('2026-03-20')).toBe(1404);
		expect(numberYear('2026-03-21')).toBe(1405);
		expect(documentNumber('building_permit', 1405, 123)).toBe('BP-1405-000123');
	});
});
