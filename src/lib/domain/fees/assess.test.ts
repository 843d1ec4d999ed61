import { describe, expect, it } from 'vitest';
import { testBook } from '../../../../tests/tariff-book-fixture';
import { assess, FEE_ENGINE_VERSION } from './assess';
import { TariffError } from './problems';
import type { TariffBook, TariffDiscount, TariffItem } from './tariff-book';

/** The test book with item A replaced (and optionally its discounts). */
function withItemA(change: Partial<TariffItem>, discounts?: TariffDiscount[]): TariffBook {
	const book = testBook();
	return { ...book, items: [{ ...book.items[0], ...change }, book.items[1]], discounts: discounts ?? book.discounts };
}

function discount(code: string, percent: number, extra: Partial<TariffDiscount> = {}): TariffDiscount {
	return { code, title: { fa: code, en: code }, legal_basis: { fa: '', en: '' }, items: ['A'], condition: 'true', percent, stackable: false, ...extra };
}

function refusal(run: () => unknown): TariffError {
	try {
		run();
	} catch (error) {
		if (error instanceof TariffError) return error;
		throw error;
	}
	throw new Error('expected a TariffError');
}

describe('assess', () => {
	it('itemises a line: formula, bound inputs with units, coefficients, raw, rounded and total', () => {
		const result = assess(testBook(), { P: 8_800_000, area: 100.1 }, { request_kind: 'building_permit' });
		expect(result).toMatchObject({ engine_version: FEE_ENGINE_VERSION, request_kind: 'building_permit', not_charged: [] });
		expect(result.lines).toEqual([
			{
				item_code: 'A',
				title: { fa: 'ردیف الف', en: 'Item A' },
				legal_basis: { fa: 'بند الف', en: 'Clause A' },
				formula: 'table(K_use, use) * P * area',
				variables: [
					{ name: 'use', value: 'residential', unit: null, description: { fa: 'کاربری', en: 'Use' } },
					{ name: 'P', value: 8_800_000, unit: 'rial/m2', description: { fa: 'قیمت منطقه‌ای', en: 'Zone value' } },
					{ name: 'area', value: 100.1, unit: 'm2', description: { fa: 'مساحت', en: 'Area' } }
				],
				coefficients: [{ table: 'K_use', title: { fa: 'ضریب کاربری', en: 'Use coefficient' }, keys: ['residential'], value: 0.15 }],
				raw_rial: 132_132_000,
				limit: null,
				discounts: [],
				amount_rial: 132_132_000,
				rounded_rial: 132_132_000
			}
		]);
		expect(result.total_rial).toBe(132_132_000);
	});

	it('is exact where floating point would floor a thousand rials short', () => {
		// 0.15 × 8,800,000 × 100.1 is 132,131,999.99999999 in floating point.
		expect(Math.floor((0.15 * 8_800_000 * 100.1) / 1000) * 1000).toBe(132_131_000);
		expect(assess(testBook(), { P: 8_800_000, area: 100.1 }).lines[0].rounded_rial).toBe(132_132_000);
		expect(assess(withItemA({ formula: '(0.1 + 0.2) * 10000' }), {}, { items: ['A'] }).lines[0].raw_rial).toBe(3000);
	});

	it('rounds each line by the book’s rule and totals the rounded lines', () => {
		const inputs = { P: 10_001, area: 100.1, use: 'commercial' }; // 0.5 × 10,001 × 100.1 = 500,550.05
		const rounded = (mode: 'floor' | 'round' | 'ceil') =>
			assess({ ...withItemA({}), rounding: { unit_rial: 1000, mode } }, inputs, { request_kind: 'building_permit' }).lines[0];
		expect(rounded('floor')).toMatchObject({ raw_rial: 500_550, rounded_rial: 500_000 });
		expect(rounded('round')).toMatchObject({ raw_rial: 500_550, rounded_rial: 501_000 });
		expect(rounded('ceil')).toMatchObject({ raw_rial: 500_550, rounded_rial: 501_000 });
		const both = assess(testBook(), { ...inputs, area: 20.5 });
		expect(both.lines.map((l) => l.rounded_rial)).toEqual([102_000, 20_000]); // 102,512.5 → 102,513 → 102,000; 20,500 → 20,000
		expect(both.total_rial).toBe(122_000);
	});

	it('charges only the items of the request kind, and lists items whose condition is false', () => {
		const excavation = assess(testBook(), { area: 5 }, { request_kind: 'excavation' });
		expect(excavation.lines).toEqual([]);
		expect(excavation.not_charged).toEqual([{ item_code: 'B', title: { fa: 'ردیف ب', en: 'Item B' }, reason: 'not_applicable' }]);
		expect(excavation.total_rial).toBe(0);
	});

	it('never charges an annulled item, and says which ruling annulled it', () => {
		const ruling = { fa: 'دادنامهٔ ۵۷۳ دیوان عدالت اداری', en: 'Administrative Justice Court ruling 573' };
		const result = assess(withItemA({ annulled: { ruling } }), { P: 1, area: 1 }, { request_kind: 'building_permit' });
		expect(result.lines).toEqual([]);
		expect(result.not_charged).toEqual([expect.objectContaining({ item_code: 'A', reason: 'annulled', ruling })]);
	});

	it('raises a positive amount to the minimum and lowers it to the maximum, but leaves zero at zero', () => {
		const book = withItemA({ formula: 'P * area', min_rial: 50_000, max_rial: 1_000_000 });
		expect(assess(book, { P: 100, area: 2 }, { items: ['A'] }).lines[0]).toMatchObject({
			raw_rial: 200,
			limit: { kind: 'min', amount_rial: 50_000 },
			rounded_rial: 50_000
		});
		expect(assess(book, { P: 100_000, area: 20 }, { items: ['A'] }).lines[0]).toMatchObject({
			limit: { kind: 'max', amount_rial: 1_000_000 },
			rounded_rial: 1_000_000
		});
		expect(assess(book, { P: 0, area: 20 }, { items: ['A'] }).lines[0]).toMatchObject({ limit: null, rounded_rial: 0 });
	});

	it('takes only the largest non-stackable discount, then stackable ones on what remains, within caps', () => {
		const book = withItemA({ formula: '1000000' }, [
			discount('half', 50),
			discount('most', 95),
			discount('tenth', 10, { stackable: true }),
			discount('capped', 50, { stackable: true, cap_rial: 1000 }),
			discount('off', 99, { condition: 'false' })
		]);
		const line = assess(book, {}, { items: ['A'] }).lines[0];
		expect(line.discounts.map((d) => [d.code, d.amount_rial])).toEqual([
			['most', 950_000],
			['tenth', 5_000],
			['capped', 1_000]
		]);
		expect(line).toMatchObject({ raw_rial: 1_000_000, amount_rial: 44_000, rounded_rial: 44_000 });
	});

	it('applies a discount only when its condition holds for the inputs', () => {
		expect(assess(testBook(), { P: 1000, area: 10, exempt: true }, { items: ['A'] }).lines[0]).toMatchObject({
			raw_rial: 1500,
			amount_rial: 0,
			discounts: [expect.objectContaining({ code: 'X', percent: 100, amount_rial: 1500 })]
		});
		expect(assess(testBook(), { P: 1000, area: 10 }, { items: ['A'] }).lines[0].discounts).toEqual([]);
	});

	it('lists every input problem at once: undeclared, wrong type, unlisted, out of range', () => {
		const error = refusal(() => assess(testBook(), { aera: 5, P: -1, use: 'shop', exempt: 'yes' }, { request_kind: 'building_permit' }));
		expect(error.code).toBe('invalid_assessment');
		expect(error.problems.map((p) => [p.variable, p.code, p.formula_error?.code])).toEqual([
			['aera', 'unknown_input', undefined],
			['P', 'out_of_range', undefined],
			['use', 'formula_error', 'unknown_value'],
			['exempt', 'formula_error', 'bad_value']
		]);
		// A formula stops at its first unusable input (here `use`), so only inputs it reached are reported missing.
		expect(error.messages.fa).toContain('ورودی «aera» در کتاب تعرفه تعریف نشده است.');
		expect(error.messages.en).toContain('Input P, value: The value must be at least 0.');
	});

	it('reports an input missing from several items once', () => {
		const book = { ...testBook(), items: testBook().items.map((item) => ({ ...item, applies_to: ['x'] })) };
		const error = refusal(() => assess(book, { P: 1 }, { request_kind: 'x' }));
		expect(error.problems.map((p) => p.message.en)).toEqual(['Input area, value: No value was given for "area".']);
	});

	it('names the item when its formula fails on these inputs', () => {
		const error = refusal(() => assess(withItemA({ formula: 'P / (area - 10)' }), { P: 1, area: 10 }, { items: ['A'] }));
		expect(error.problems).toEqual([
			expect.objectContaining({ item: 'A', field: 'formula', formula_error: { code: 'division_by_zero', position: 2 } })
		]);
		const negative = refusal(() => assess(withItemA({ formula: 'P - area' }), { P: 1, area: 10 }, { items: ['A'] }));
		expect(negative.problems[0]).toMatchObject({ code: 'negative_amount', item: 'A' });
		expect(negative.problems[0].message.fa).toBe('ردیف A، فرمول: فرمول مبلغ منفی داد.');
	});

	it('refuses amounts beyond what a number can carry exactly', () => {
		const error = refusal(() => assess(withItemA({ formula: '10 ^ 16' }), {}, { items: ['A'] }));
		expect(error.problems.map((p) => p.code)).toContain('amount_too_large');
	});

	it('refuses to assess with a book that has errors, listing them', () => {
		const error = refusal(() => assess(withItemA({ formula: 'P * aera' }), { P: 1 }));
		expect(error.code).toBe('invalid_book');
		expect(error.problems[0]).toMatchObject({ item: 'A', formula_error: { code: 'unknown_variable' } });
	});

	it('ignores inputs given as undefined, as a form leaves them', () => {
		expect(assess(testBook(), { P: 1000, area: 10, use: undefined }, { items: ['A'] }).lines[0].raw_rial).toBe(1500);
	});
});
