import { describe, expect, it } from 'vitest';
import { normaliseMobile } from './mobile';

describe('normaliseMobile', () => {
	it.each([
		['09123456789'],
		['+989123456789'],
		['00989123456789'],
		['989123456789'],
		['9123456789'],
		['۰۹۱۲۳۴۵۶۷۸۹'],
		['+98 (912) 345-6789'],
		['٠٩١٢٣٤٥٦٧٨٩']
	])('reads %s as 09123456789', (input) => {
		expect(normaliseMobile(input)).toEqual({ ok: true, value: '09123456789' });
	});

	it('refuses landlines and foreign numbers', () => {
		expect(normaliseMobile('02112345678')).toMatchObject({ ok: false, code: 'not_iranian_mobile' });
		expect(normaliseMobile('+4915112345678')).toMatchObject({ ok: false, code: 'not_iranian_mobile' });
		expect(normaliseMobile('0912345678')).toMatchObject({ ok: false, code: 'not_iranian_mobile' });
	});

	it('refuses letters and empty input with a bilingual message', () => {
		const result = normaliseMobile('0912abc6789');
		expect(result).toMatchObject({ ok: false, code: 'not_digits' });
		if (!result.ok) expect(result.message.fa).toContain('شماره همراه');
		expect(normaliseMobile('')).toMatchObject({ ok: false, code: 'empty' });
	});
});
