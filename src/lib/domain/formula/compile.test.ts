import { describe, expect, it } from 'vitest';
import { checkDeclaredName, compileFormula, type FormulaScope } from './compile';
import { FormulaError } from './errors';

const scope: FormulaScope = {
	variables: {
		P: { type: 'number' },
		area: { type: 'number' },
		floor: { type: 'number' },
		use: { type: 'string', values: ['residential', 'commercial', 'office'] },
		note: { type: 'string' },
		parking_forbidden: { type: 'boolean' }
	},
	tables: { M_floor: { key_types: ['string', 'number'] }, K_area: { key_types: ['number'] } }
};

function errorOf(source: string, options = {}): FormulaError {
	try {
		compileFormula(source, scope, options);
	} catch (error) {
		if (error instanceof FormulaError) return error;
		throw error;
	}
	throw new Error(`expected ${source} to be refused`);
}

describe('compileFormula', () => {
	it('lists the variables and tables a formula reads, once each, in order of use', () => {
		const compiled = compileFormula('table(M_floor, use, floor) * P * area + P * table(K_area, area)', scope);
		expect(compiled.variables).toEqual(['use', 'floor', 'P', 'area']);
		expect(compiled.tables).toEqual(['M_floor', 'K_area']);
		expect(compiled.type).toBe('number');
	});

	it('names an undeclared variable and where it is', () => {
		const error = errorOf('0.45 * P * aera');
		expect(error).toMatchObject({ code: 'unknown_variable', position: 11, detail: { name: 'aera' } });
		expect(error.messages.fa).toBe('متغیر «aera» تعریف نشده است. (نویسهٔ ۱۲)');
		expect(error.messages.en).toBe('The variable "aera" is not declared. (at character 12)');
	});

	it('names an undefined table and a table read with the wrong number of keys', () => {
		expect(errorOf('table(M_flor, use, floor)')).toMatchObject({ code: 'unknown_table', detail: { name: 'M_flor' } });
		expect(errorOf('table(M_floor, use)')).toMatchObject({
			code: 'wrong_arity',
			detail: { name: 'table(M_floor)', expected: 3, got: 2 }
		});
		expect(errorOf('table(M_floor, floor, use)')).toMatchObject({ code: 'type_mismatch', position: 15 });
	});

	it('refuses text that is not one of a variable’s listed values, on either side of ==', () => {
		expect(errorOf('use == "comercial" ? 1 : 0')).toMatchObject({
			code: 'unknown_value',
			position: 7,
			detail: { name: 'use', value: 'comercial', allowed: 'residential, commercial, office' }
		});
		expect(errorOf('"shop" != use')).toMatchObject({ code: 'unknown_value' });
		expect(compileFormula('note == "anything"', scope).type).toBe('boolean');
	});

	it.each([
		['P + use', 'type_mismatch', 4, '+'],
		['-use', 'type_mismatch', 1, '-'],
		['P > true', 'type_mismatch', 4, '>'],
		['use == 1', 'type_mismatch', 7, '=='],
		['P and parking_forbidden', 'type_mismatch', 0, 'and'],
		['not P', 'type_mismatch', 4, 'not'],
		['P ? 1 : 2', 'type_mismatch', 0, 'if'],
		['parking_forbidden ? 1 : "x"', 'type_mismatch', 24, 'if'],
		['max(P, parking_forbidden)', 'type_mismatch', 7, 'max']
	])('refuses %s (%s at %i, by %s)', (source, code, position, name) => {
		expect(errorOf(source)).toMatchObject({ code, position, detail: { name } });
	});

	it('checks the result type it is asked for: amounts are numbers, conditions are true/false', () => {
		expect(compileFormula('parking_forbidden and area > 0', scope, { expect: 'boolean' }).type).toBe('boolean');
		const error = errorOf('area > 100', { expect: 'number' });
		expect(error).toMatchObject({ code: 'type_mismatch', detail: { expected: 'number', got: 'boolean' } });
		expect(error.messages.fa).toContain('عدد');
	});

	it('refuses a literal exponent that is fractional or larger than the limit before running', () => {
		expect(errorOf('P ^ 0.5')).toMatchObject({ code: 'exponent_not_whole', position: 4 });
		expect(errorOf('2 ^ 65')).toMatchObject({ code: 'exponent_too_large', detail: { limit: 64 } });
		expect(errorOf('2 ^ -65')).toMatchObject({ code: 'exponent_too_large' });
		expect(compileFormula('2 ^ 64 + P ^ -2', scope).type).toBe('number');
	});

	it('applies tighter limits when given', () => {
		expect(errorOf('1 + 1', { limits: { maxLength: 4 } })).toMatchObject({ code: 'too_long', position: null });
		expect(errorOf('((1))', { limits: { maxDepth: 2 } })).toMatchObject({ code: 'too_deep' });
	});
});

describe('checkDeclaredName', () => {
	it('accepts identifiers and refuses keywords, function names and JavaScript internals', () => {
		expect(() => checkDeclaredName('floor_area_m2')).not.toThrow();
		for (const name of ['__proto__', '__defineGetter__', 'constructor', 'prototype', 'if', 'table', 'min', 'and', 'true', '1x', 'a-b', '']) {
			expect(() => checkDeclaredName(name), name).toThrow(expect.objectContaining({ code: 'reserved_name' }));
		}
	});
});
