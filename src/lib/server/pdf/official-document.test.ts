import { describe, expect, it } from 'vitest';
import { formatFactValue, formatJalaliNumeric, formatRials, itemsTotal, verificationUrl } from './official-document';

describe('verificationUrl', () => {
	it('puts the code under /verify on the origin', () => {
		expect(verificationUrl('https://pelak.example.ir', 'K7Q2-9XF4')).toBe('https://pelak.example.ir/verify/K7Q2-9XF4');
		expect(verificationUrl('http://localhost:3000/', 'K7Q2-9XF4')).toBe('http://localhost:3000/verify/K7Q2-9XF4');
	});

	it('refuses an origin that is not an http(s) origin, in Persian and English', () => {
		for (const origin of ['pelak.example.ir', 'ftp://pelak.example.ir', 'https://pelak.example.ir/app', 'https://x.ir/?a=1']) {
			expect(() => verificationUrl(origin, 'K7Q2-9XF4')).toThrow(expect.objectContaining({ code: 'bad_verification_origin' }));
		}
		expect(() => verificationUrl('x', 'K7Q2-9XF4')).toThrow(expect.objectContaining({ messages: expect.objectContaining({ fa: expect.stringContaining('نشانی پایهٔ تصدیق') }) }));
	});

	it('refuses a code that would not stay one path segment', () => {
		for (const code of ['', 'abc', 'K7Q2/9XF4', 'K7Q2 9XF4', '-K7Q2', 'کد۱۲۳۴']) {
			expect(() => verificationUrl('https://pelak.example.ir', code)).toThrow(expect.objectContaining({ code: 'bad_verification_code' }));
		}
	});
});

describe('formatting for print', () => {
	it('numbers a Jalali date with Persian digits', () => {
		expect(formatJalaliNumeric('2026-06-05')).toBe('۱۴۰۵/۰۳/۱۵');
		expect(formatJalaliNumeric('2025-03-21')).toBe('۱۴۰۴/۰۱/۰۱');
	});

	it('groups rials with the Arabic thousands separator', () => {
		expect(formatRials(12_345_000)).toBe('۱۲٬۳۴۵٬۰۰۰');
		expect(formatRials(0)).toBe('۰');
		expect(() => formatRials(10.5)).toThrow(expect.objectContaining({ code: 'bad_amount' }));
	});

	it('prints typed facts in Persian units', () => {
		expect(formatFactValue({ m2: 245.34 })).toBe('۲۴۵٫۳ م²');
		expect(formatFactValue({ percent: 60 })).toBe('۶۰٪');
		expect(formatFactValue({ metres: 12.5 })).toBe('۱۲٫۵ متر');
		expect(formatFactValue({ rials: 28_208_040 })).toBe('۲۸٬۲۰۸٬۰۴۰ ریال');
		expect(formatFactValue({ date: '2026-06-07' })).toBe('۱۴۰۵/۰۳/۱۷');
		expect(formatFactValue('03-0412-017')).toBe('03-0412-017');
	});

	it('totals item lines, refusing a fractional amount', () => {
		expect(itemsTotal([{ title: 'الف', amountRials: 1_000 }, { title: 'ب', amountRials: 2_500 }])).toBe(3_500);
		expect(() => itemsTotal([{ title: 'الف', amountRials: 0.5 }])).toThrow(expect.objectContaining({ code: 'bad_amount' }));
	});
});
