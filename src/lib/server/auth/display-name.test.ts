import { describe, expect, it } from 'vitest';
import { citizenDisplayName, containsNationalId } from './display-name';
import { DEMO_CITIZENS } from './demo-accounts';

describe('display names', () => {
	it('finds a national id in any digits, spaced or dashed', () => {
		expect(containsNationalId('شهروند 0010000011')).toBe(true);
		expect(containsNationalId('مالک ۰۰۱۰۰۰۰۰۱۱')).toBe(true);
		expect(containsNationalId('مالک 001-000001-1')).toBe(true);
		expect(containsNationalId('کارشناس شهرسازی منطقه ۶ (نمونه)')).toBe(false);
		expect(containsNationalId('شهروند (همراه …۰۰۰۱)')).toBe(false);
	});

	it('names a new citizen by the tail of their mobile, never their national id', () => {
		expect(citizenDisplayName('09120000001')).toBe('شهروند (همراه …۰۰۰۱)');
		expect(containsNationalId(citizenDisplayName('09123456789'))).toBe(false);
	});

	it('gives the demo citizens names without their national ids', () => {
		for (const c of DEMO_CITIZENS) {
			expect(containsNationalId(c.displayName)).toBe(false);
			expect(c.displayName).not.toContain(c.nationalId);
		}
	});
});
