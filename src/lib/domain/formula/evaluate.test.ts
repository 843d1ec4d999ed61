import { describe, expect, it } from 'vitest';
import type { Value } from './ast';
import { compileFormula, type CompileOptions, type FormulaScope } from './compile';
import { FormulaError } from './errors';
import { bindValues, evaluateFormula, type InputValue } from './evaluate';
import { Rational } from './rational';
import { prepareTable } from './tables';

const scope: FormulaScope = {
	variables: {
		P: { type: 'number' },
		area: { type: 'number' },
		x: { type: 'number' },
		use: { type: 'string', values: ['residential', 'commercial'] },
		forbidden: { type: 'boolean' }
	},
	tables: { K_area: { key_types: ['number'] } }
};
const tables = new Map([
	['K_area', prepareTable('K_area', { kind: 'brackets', dimension: 'm²', rows: [{ up_to: 60, value: 0.05 }, { up_to: 100, value: 0.1 }] })]
]);
const inputs = { P: 12_000_000, area: 150.5, x: 0, use: 'commercial', forbidden: false };

function run(source: string, values: Record<string, InputValue> = inputs, options: CompileOptions = {}): Value {
	const formula = compileFormula(source, scope, options);
	return evaluateFormula(formula, { values: bindValues(scope.variables, values, formula.variables), tables });
}

const num = (source: string, values?: Record<string, InputValue>) => (run(source, values) as Rational).toString();

function errorOf(source: string, values?: Record<string, InputValue>, options?: CompileOptions): FormulaError {
	try {
		run(source, values, options);
	} catch (error) {
		if (error instanceof FormulaError) return error;
		throw error;
	}
	throw new Error(`expected ${source} to fail`);
}

describe('evaluateFormula', () => {
	it('computes with decimals exactly: 0.1 + 0.2 == 0.3', () => {
		expect(run('0.1 + 0.2 == 0.3')).toBe(true);
		expect(num('0.1 + 0.2 - 0.3')).toBe('0');
		// 15 % × P × area: floating point gives 132131999.99999999, which floors a thousand rials short
		expect(0.15 * 8_800_000 * 100.1).toBeLessThan(132_132_000);
		expect(num('floor(0.15 * P * area, -3)', { P: 8_800_000, area: 100.1 })).toBe('132132000');
		expect(num('1.1 * 1.1 * 100')).toBe('121');
	});

	it('follows the usual precedence and power rules', () => {
		expect(num('2 + 3 * 4 ^ 2 / 8')).toBe('8');
		expect(num('-2 ^ 2')).toBe('-4');
		expect(num('2 ^ -2')).toBe('1/4');
		expect(num('2 ^ 3 ^ 2')).toBe('512');
	});

	it('compares numbers and text, combines conditions, and picks a branch', () => {
		expect(run('use == "commercial" and not forbidden')).toBe(true);
		expect(run('area >= 150.5 and area < 151 and area != 150')).toBe(true);
		expect(num('use == "residential" ? 20 * P : 100 * P')).toBe('1200000000');
		expect(num('if(area > 100, 2, 1)')).toBe('2');
	});

	it('evaluates only the branch and operand it needs', () => {
		expect(run('forbidden and 1 / x > 0')).toBe(false);
		expect(run('not forbidden or 1 / x > 0')).toBe(true);
		expect(num('x == 0 ? 0 : P / x')).toBe('0');
		expect(num('if(x > 0, P / x, 7)')).toBe('7');
	});

	it('runs the whitelisted functions exactly', () => {
		expect(num('min(3, 1.5, 2) + max(-1, 0.5)')).toBe('2');
		expect(num('round(2.5) + round(-2.5) + floor(-0.5) + ceil(0.1)')).toBe('0');
		expect(num('round(1234567, -3)')).toBe('1235000');
		expect(num('floor(1234999, -3)')).toBe('1234000');
		expect(num('round(2.675, 2)')).toBe('67/25'); // 2.68, where floating point gives 2.67
		expect(num('abs(-3) + clamp(12, 0, 10) + clamp(-1, 0, 10) + clamp(5, 0, 10)')).toBe('18');
	});

	it('reads coefficient tables and names a missing row', () => {
		expect(num('table(K_area, 60) * 100')).toBe('5');
		const error = errorOf('table(K_area, area)');
		expect(error).toMatchObject({ code: 'table_key_missing', position: 0, detail: { name: 'K_area', key: '150.5' } });
		expect(error.messages.fa).toContain('«K_area»');
	});

	it('names division by zero, with its position', () => {
		expect(errorOf('P / x')).toMatchObject({ code: 'division_by_zero', position: 2 });
		expect(errorOf('x ^ -1')).toMatchObject({ code: 'division_by_zero' });
		expect(errorOf('1 / x').messages).toEqual({ fa: 'تقسیم بر صفر. (نویسهٔ ۳)', en: 'Division by zero. (at character 3)' });
	});

	it('refuses exponents that are fractional or too large when they come from variables', () => {
		expect(errorOf('2 ^ area')).toMatchObject({ code: 'exponent_not_whole' });
		expect(errorOf('2 ^ P')).toMatchObject({ code: 'exponent_too_large', detail: { limit: 64 } });
	});

	it('refuses numbers beyond the size limit before computing them', () => {
		expect(errorOf('(10 ^ 60) ^ 60')).toMatchObject({ code: 'number_too_large' });
		expect(errorOf('P * P * P * P * P * P * P * P * P * P * P * P * P * P * P * P * P * P * P * P * P * P')).toMatchObject({
			code: 'number_too_large'
		});
		expect(errorOf('1' + '0'.repeat(200))).toMatchObject({ code: 'number_too_large', position: 0 });
	});

	it('stops after the step limit', () => {
		expect(errorOf('1 + 2 + 3 + 4', inputs, { limits: { maxSteps: 5 } })).toMatchObject({ code: 'too_many_steps', detail: { limit: 5 } });
		expect(num('1 + 2 + 3 + 4')).toBe('10');
	});

	it('refuses clamp bounds the wrong way round and rounding digits out of range', () => {
		expect(errorOf('clamp(5, 10, 0)')).toMatchObject({ code: 'bad_argument', detail: { name: 'clamp' } });
		expect(errorOf('round(5, 0.5)')).toMatchObject({ code: 'bad_argument', detail: { name: 'round' } });
		expect(errorOf('round(5, 16)').messages.fa).toContain('تعداد رقم');
	});
});

describe('bindValues', () => {
	it('reads numbers, decimal text (Persian digits too), booleans and listed text', () => {
		const bound = bindValues(scope.variables, { P: '12000000', area: '۱۵۰٫۵', x: 0, use: 'residential', forbidden: true });
		expect(String(bound.get('area'))).toBe('301/2');
		expect(bound.get('use')).toBe('residential');
		expect(bound.get('forbidden')).toBe(true);
	});

	it.each<[string, Record<string, InputValue>, string]>([
		['a missing value', { P: 1 }, 'missing_value'],
		['NaN', { area: Number.NaN }, 'bad_value'],
		['Infinity', { area: Number.POSITIVE_INFINITY }, 'bad_value'],
		['text for a number', { area: 'large' }, 'bad_value'],
		['a number for a boolean', { forbidden: 1 }, 'bad_value'],
		['a number for text', { use: 3 }, 'bad_value'],
		['an unlisted value', { use: 'industrial' }, 'unknown_value']
	])('refuses %s', (_, values, code) => {
		const name = Object.keys(values)[0] === 'P' ? 'area' : Object.keys(values)[0];
		expect(() => bindValues(scope.variables, values, [name])).toThrow(expect.objectContaining({ code, detail: expect.objectContaining({ name }) }));
	});

	it('ignores inherited properties of the input object', () => {
		const values = Object.create({ area: 100 }) as Record<string, InputValue>;
		expect(() => bindValues(scope.variables, values, ['area'])).toThrow(expect.objectContaining({ code: 'missing_value' }));
	});
});
