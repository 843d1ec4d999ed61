/**
 * Formulas written to escape the evaluator or exhaust the server. Each must be refused with a
 * named error, never run as JavaScript, and never hang.
 */
import { describe, expect, it } from 'vitest';
import { compileFormula, type FormulaScope } from './compile';
import { FormulaError } from './errors';
import { bindValues, evaluateFormula } from './evaluate';

const scope: FormulaScope = { variables: { P: { type: 'number' }, area: { type: 'number' } } };

function refusal(source: string, values = { P: 1_000_000, area: 100 }): FormulaError {
	try {
		const formula = compileFormula(source, scope);
		evaluateFormula(formula, { values: bindValues(scope.variables, values, formula.variables) });
	} catch (error) {
		if (error instanceof FormulaError) return error;
		throw error;
	}
	throw new Error(`${source.slice(0, 40)} was not refused`);
}

describe('hostile formulas', () => {
	it.each([
		['constructor', 'unknown_variable'],
		['__proto__', 'unknown_variable'],
		['toString', 'unknown_variable'],
		['hasOwnProperty', 'unknown_variable'],
		['this', 'unknown_variable'],
		['globalThis', 'unknown_variable'],
		['Infinity', 'unknown_variable'],
		['NaN', 'unknown_variable'],
		['constructor()', 'unknown_function'],
		['exit()', 'unknown_function'],
		['eval("process.exit()")', 'unknown_function'],
		['Function("return process")()', 'unknown_function'],
		['require("fs")', 'unknown_function'],
		['process.exit()', 'property_access'],
		['P.constructor.constructor("return process")()', 'property_access'],
		['area["__proto__"]', 'property_access'],
		['P = 1', 'single_equals'],
		['x => x', 'single_equals'],
		['`${P}`', 'unexpected_character'],
		['P; process.exit()', 'unexpected_character'],
		['{ valueOf: 1 }', 'unexpected_character'],
		['new Date()', 'unexpected_token'],
		['(1, 2)', 'unexpected_token'],
		['"a" + "b"', 'type_mismatch'],
		['Рarea', 'unexpected_character'] // Cyrillic Р that looks like P
	])('refuses %s with %s', (source, code) => {
		expect(refusal(source).code).toBe(code);
	});

	it('names the culprit and its position in both languages', () => {
		const error = refusal('P * process.exit()');
		expect(error).toMatchObject({ code: 'property_access', position: 11 });
		expect(error.messages.en).toContain('at character 12');
		expect(error.messages.fa).toContain('نویسهٔ ۱۲');
		expect(refusal('2 * constructor').messages.en).toBe('The variable "constructor" is not declared. (at character 5)');
	});

	it('refuses deep nesting of parentheses, signs, powers and chains', () => {
		expect(refusal('('.repeat(500) + 'P' + ')'.repeat(500)).code).toBe('too_deep');
		expect(refusal('-'.repeat(500) + 'P').code).toBe('too_deep');
		expect(refusal('not '.repeat(200) + 'true').code).toBe('too_deep');
		expect(refusal('2' + '^2'.repeat(100)).code).toBe('too_deep');
		expect(refusal('P' + ' + P'.repeat(400)).code).toBe('too_deep');
		expect(refusal('max('.repeat(100) + 'P' + ')'.repeat(100)).code).toBe('too_deep');
	});

	it('refuses huge exponents, literal or computed, before computing them', () => {
		expect(refusal('10 ^ 1000000').code).toBe('exponent_too_large');
		expect(refusal('P ^ P').code).toBe('exponent_too_large');
		expect(refusal('(P ^ 64) ^ 64').code).toBe('number_too_large');
		expect(refusal('1e308 * 10').code).toBe('bad_number');
		expect(refusal('9'.repeat(1000)).code).toBe('number_too_large');
	});

	it('refuses very long input without reading it', () => {
		const started = performance.now();
		expect(refusal('P + '.repeat(250_000) + 'P')).toMatchObject({ code: 'too_long', detail: { limit: 2000 } });
		expect(refusal('a'.repeat(2001)).code).toBe('too_long');
		expect(performance.now() - started).toBeLessThan(500);
	});

	it('keeps inherited object properties out of variable lookups', () => {
		const values = bindValues(scope.variables, { P: 1, area: 1 });
		expect([...values.keys()]).toEqual(['P', 'area']);
		expect(() => compileFormula('valueOf', scope)).toThrow(expect.objectContaining({ code: 'unknown_variable' }));
	});

	it('has no way to change the global environment', () => {
		const before = Object.getOwnPropertyNames(Object.prototype).length;
		for (const source of ['__proto__', 'constructor', 'toString()', 'P.__proto__']) {
			expect(() => refusal(source)).not.toThrow();
		}
		expect(Object.getOwnPropertyNames(Object.prototype)).toHaveLength(before);
	});
});
