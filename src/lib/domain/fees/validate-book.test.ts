import { describe, expect, it } from 'vitest';
import { testBook } from '../../../../tests/tariff-book-fixture';
import type { TariffProblem } from './problems';
import type { TariffBook, TariffItem } from './tariff-book';
import { validateTariffBook } from './validate-book';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/** The test book with a change applied. */
function bookWith(change: (book: Mutable<TariffBook>) => void): TariffBook {
	const book = testBook() as Mutable<TariffBook>;
	change(book);
	return book;
}

const itemA = (book: Mutable<TariffBook>) => book.items[0] as Mutable<TariffItem>;

function errors(book: TariffBook): Partial<TariffProblem>[] {
	return validateTariffBook(book).problems.filter((p) => p.severity === 'error');
}

describe('validateTariffBook', () => {
	it('accepts a sound book whose samples all hold', () => {
		expect(validateTariffBook(testBook())).toEqual({ valid: true, problems: [] });
	});

	it('names an undeclared variable in an item formula, with the item, field and position', () => {
		const problems = errors(bookWith((b) => (itemA(b).formula = 'table(K_use, use) * P * aera')));
		expect(problems).toEqual([
			expect.objectContaining({
				code: 'formula_error',
				item: 'A',
				field: 'formula',
				formula_error: { code: 'unknown_variable', position: 24 }
			})
		]);
		expect(problems[0].message).toEqual({
			fa: 'ردیف A، فرمول: متغیر «aera» تعریف نشده است. (نویسهٔ ۲۵)',
			en: 'Item A, formula: The variable "aera" is not declared. (at character 25)'
		});
	});

	it('names an unknown table, a bad table, and a condition that is not true/false', () => {
		expect(errors(bookWith((b) => (itemA(b).formula = 'table(K_uses, use) * P')))[0]).toMatchObject({
			formula_error: { code: 'unknown_table' }
		});
		const badTable = errors(bookWith((b) => (b.tables[0] = { ...b.tables[0], kind: 'brackets', dimension: 'x', rows: [] })));
		expect(badTable[0]).toMatchObject({ code: 'formula_error', table: 'K_use', formula_error: { code: 'bad_table' } });
		expect(errors(bookWith((b) => (itemA(b).condition = 'area')))[0]).toMatchObject({
			item: 'A',
			field: 'condition',
			formula_error: { code: 'type_mismatch' }
		});
	});

	it('refuses duplicate item codes, variables, tables and discounts', () => {
		const problems = errors(
			bookWith((b) => {
				b.items.push({ ...b.items[1], samples: [] });
				b.variables.push(b.variables[0]);
				b.tables.push(b.tables[0]);
				b.discounts.push(b.discounts[0]);
			})
		);
		expect(problems.filter((p) => p.code === 'duplicate_name').map((p) => p.item ?? p.variable ?? p.table ?? p.discount)).toEqual([
			'P',
			'K_use',
			'X',
			'B'
		]);
	});

	it('refuses reserved and inconsistent declarations, and a default outside its range', () => {
		const problems = errors(
			bookWith((b) => {
				b.variables.push({ name: '__proto__', type: 'number', unit: null, description: { fa: '', en: '' } });
				b.variables.push({ name: 'n', type: 'number', unit: null, min: 5, max: 1, description: { fa: '', en: '' } });
				b.variables.push({ name: 'flag', type: 'boolean', unit: null, min: 0, description: { fa: '', en: '' } });
				b.variables.push({ name: 'k', type: 'number', unit: null, min: 0, default: -1, description: { fa: '', en: '' } });
			})
		);
		expect(problems.map((p) => [p.variable, p.code, p.formula_error?.code])).toEqual([
			['__proto__', 'formula_error', 'reserved_name'],
			['n', 'bad_variable', undefined],
			['flag', 'bad_variable', undefined],
			['k', 'out_of_range', undefined]
		]);
		expect(problems[1].message?.en).toBe('Input n, declaration: The declaration is wrong: min is above max.');
	});

	it('checks discounts: known items, a sensible percent and a true/false condition', () => {
		const problems = errors(
			bookWith((b) => (b.discounts[0] = { ...b.discounts[0], items: ['A', 'Z'], percent: 120, condition: 'P * 2' }))
		);
		expect(problems.map((p) => p.code)).toEqual(['unknown_item', 'bad_percent', 'formula_error']);
		expect(problems[0].message?.fa).toBe('تخفیف X: ردیف «Z» در کتاب تعرفه نیست.');
	});

	it('refuses a rounding unit that bills cannot carry, bad limits, and an empty book', () => {
		expect(errors(bookWith((b) => (b.rounding = { unit_rial: 500, mode: 'floor' })))[0]).toMatchObject({ code: 'bad_rounding' });
		expect(errors(bookWith((b) => (itemA(b).min_rial = 10, itemA(b).max_rial = 5)))[0]).toMatchObject({
			code: 'bad_limits',
			item: 'A'
		});
		expect(errors(bookWith((b) => (b.items = [], b.discounts = []))).map((p) => p.code)).toEqual(['no_items']);
	});

	it('requires samples on every active item but not on annulled ones', () => {
		expect(errors(bookWith((b) => (itemA(b).samples = [])))).toEqual([
			expect.objectContaining({ code: 'no_samples', item: 'A', field: 'samples' })
		]);
		const annulled = bookWith((b) => {
			itemA(b).samples = [];
			itemA(b).annulled = { ruling: { fa: 'دادنامهٔ ۱', en: 'Ruling 1' } };
		});
		expect(validateTariffBook(annulled).valid).toBe(true);
	});

	it('reports a sample that no longer gives its expected amount, in rials', () => {
		const problems = errors(bookWith((b) => (itemA(b).formula = 'table(K_use, use) * P * area * 1.01')));
		expect(problems).toEqual([expect.objectContaining({ code: 'sample_mismatch', item: 'A', sample: 1 })]);
		expect(problems[0].message?.en).toBe('Item A, sample 1: Expected 132,132,000 rials, but the calculation gave 133,453,000 rials.');
		expect(problems[0].message?.fa).toContain('۱۳۲٬۱۳۲٬۰۰۰ ریال');
	});

	it('reports a sample expected not to apply that does, and the reverse', () => {
		const problems = errors(
			bookWith((b) => {
				const itemB = b.items[1] as Mutable<TariffItem>;
				itemB.samples = [{ inputs: { area: 5 }, expected_rial: 5000 }, { inputs: { area: 20 }, expected_rial: null }];
			})
		);
		expect(problems.map((p) => p.message?.en)).toEqual([
			'Item B, sample 1: Expected 5,000 rials, but the calculation gave no charge (not applicable).',
			'Item B, sample 2: Expected the item not to apply, but the calculation gave 20,000 rials.'
		]);
	});

	it('reports a sample that cannot be computed, with the reason', () => {
		const problems = errors(
			bookWith((b) => {
				itemA(b).formula = 'P / (area - 100)';
				itemA(b).samples = [{ inputs: { P: 1, area: 100 }, expected_rial: 0 }, { inputs: { P: 1 }, expected_rial: 0 }];
			})
		);
		expect(problems).toEqual([
			expect.objectContaining({ item: 'A', sample: 1, formula_error: { code: 'division_by_zero', position: 2 } }),
			expect.objectContaining({ item: 'A', sample: 2, formula_error: { code: 'missing_value', position: null } })
		]);
		expect(problems[0].message?.en).toBe('Item A, sample 1, formula: Division by zero. (at character 3)');
		expect(problems[0].message?.fa).toBe('ردیف A، نمونهٔ ۱، فرمول: تقسیم بر صفر. (نویسهٔ ۳)');
		expect(problems[1].message?.en).toBe('Item A, sample 2 — Input area, value: No value was given for "area".');
	});

	it('warns about inputs and tables no formula uses, without blocking', () => {
		const result = validateTariffBook(
			bookWith((b) => b.variables.push({ name: 'spare', type: 'number', unit: null, description: { fa: '', en: '' } }))
		);
		expect(result.valid).toBe(true);
		expect(result.problems).toEqual([expect.objectContaining({ code: 'unused_variable', severity: 'warning', variable: 'spare' })]);
	});
});
