import { describe, expect, it } from 'vitest';
import { allowedNorthDepth, describeNorthDepth, parseNorthDepth } from './north-depth';

const formula = (text: string) => {
	const r = parseNorthDepth(text);
	if (!r.ok) throw new Error(r.problem.message.en);
	return { fraction: r.value.fraction, plus_m: r.value.plus_m };
};

describe('parseNorthDepth', () => {
	it.each(['60 % + 2 m', '60%+2', '۶۰٪ + ۲ متر', '0.6L+2', '0.6 × L + 2', '60 درصد عمق زمین + ۲ متر', '60% of the parcel depth + 2 m', '2 m + 60 %', '60 + 2'])(
		'reads %s as 60 %% of the depth + 2 m',
		(text) => {
			expect(formula(text)).toEqual({ fraction: 0.6, plus_m: 2 });
		}
	);
	it('reads a share with no metres, and metres taken off', () => {
		expect(formula('۶۵٪')).toEqual({ fraction: 0.65, plus_m: 0 });
		expect(formula('0.5L - 1.5')).toEqual({ fraction: 0.5, plus_m: -1.5 });
	});
	it('keeps the text as the book wrote it', () => {
		const r = parseNorthDepth(' ۶۰٪ + ۲ متر ');
		expect(r.ok && r.value.text).toBe('۶۰٪ + ۲ متر');
	});
	it('names an unreadable rule and shows the accepted forms', () => {
		const r = parseNorthDepth('sixty percent');
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.problem.code).toBe('north_depth_unreadable');
		expect(r.problem.message.en).toContain('"sixty percent"');
		expect(r.problem.message.fa).toContain('«sixty percent»');
	});
	it('refuses an empty rule, two shares, two lengths and no share at all', () => {
		const code = (text: string) => {
			const r = parseNorthDepth(text);
			return r.ok ? 'ok' : r.problem.code;
		};
		expect(code('  ')).toBe('north_depth_empty');
		expect(code('60% + 0.5L')).toBe('north_depth_ambiguous');
		expect(code('0.6L + 2m + 1m')).toBe('north_depth_ambiguous');
		expect(code('2 m')).toBe('north_depth_no_share');
	});
	it('refuses a share above 100 % and an implausible offset', () => {
		const code = (text: string) => {
			const r = parseNorthDepth(text);
			return r.ok ? 'ok' : r.problem.code;
		};
		expect(code('120% + 2')).toBe('north_depth_share_out_of_range');
		expect(code('1.5L')).toBe('north_depth_share_out_of_range');
		expect(code('60% + 25 m')).toBe('north_depth_offset_out_of_range');
	});
});

describe('allowedNorthDepth', () => {
	const rule = { fraction: 0.6, plus_m: 2, text: '60% + 2 m' };
	it('takes the share of the parcel depth plus the metres', () => {
		expect(allowedNorthDepth(rule, 20)).toBeCloseTo(14, 9);
	});
	it('never allows more than the parcel depth', () => {
		expect(allowedNorthDepth(rule, 4)).toBe(4);
	});
	it('never goes below zero', () => {
		expect(allowedNorthDepth({ fraction: 0.1, plus_m: -5, text: '' }, 10)).toBe(0);
	});
});

describe('describeNorthDepth', () => {
	it('says the rule in both languages', () => {
		expect(describeNorthDepth({ fraction: 0.6, plus_m: 2, text: '' })).toEqual({
			fa: '۶۰٪ عمق زمین + ۲٫۰۰ متر',
			en: '60% of the parcel depth + 2.00 m'
		});
	});
});
