import { describe, expect, it } from 'vitest';
import { Rational } from './rational';
import { prepareTable, type CoefficientTableData } from './tables';

const n = (x: number | string) => Rational.parse(String(x))!;

// Tehran Region 5 floor coefficients M, commercial / office (permits-fees.md §B)
const mFloor: CoefficientTableData = {
	kind: 'lookup',
	dimensions: ['floor', 'use'],
	rows: [
		{ key: [0, 'commercial'], value: 1 },
		{ key: [0, 'office'], value: 0.6 },
		{ key: [-1, 'commercial'], value: '0.6' },
		{ key: [1, 'commercial'], value: 0.5 }
	]
};

// Residential single unit by gross floor area (§B): 5 % ≤ 60 m², 10 % ≤ 100, … 120 % above
const kArea: CoefficientTableData = {
	kind: 'brackets',
	dimension: 'gross floor area (m²)',
	rows: [
		{ up_to: 60, value: 0.05 },
		{ up_to: 100, value: 0.1 },
		{ up_to: 150, value: 0.18 },
		{ up_to: null, value: 1.2 }
	]
};

describe('prepareTable', () => {
	it('looks up exact keys of mixed types and reports their types', () => {
		const table = prepareTable('M_floor', mFloor);
		expect(table.key_types).toEqual(['number', 'string']);
		expect(table.lookup([n(0), 'office'])?.equals(n('0.6'))).toBe(true);
		expect(table.lookup([n(-1), 'commercial'])?.equals(n('0.6'))).toBe(true);
		expect(table.lookup([n('1.0'), 'commercial'])?.equals(n('0.5'))).toBe(true);
		expect(table.lookup([n(2), 'commercial'])).toBeUndefined();
		expect(table.lookup([n(0)])).toBeUndefined();
	});

	it('puts a key on a bracket bound in that bracket, and above all bounds in the open one', () => {
		const table = prepareTable('K_area', kArea);
		expect(table.key_types).toEqual(['number']);
		expect(table.lookup([n(60)])?.equals(n('0.05'))).toBe(true);
		expect(table.lookup([n('60.01')])?.equals(n('0.1'))).toBe(true);
		expect(table.lookup([n(150)])?.equals(n('0.18'))).toBe(true);
		expect(table.lookup([n(10_000)])?.equals(n('1.2'))).toBe(true);
		expect(table.lookup(['60'])).toBeUndefined();
	});

	it('has no row above the last bound when no bracket is open-ended', () => {
		const table = prepareTable('K', { kind: 'brackets', dimension: 'x', rows: [{ up_to: 10, value: 1 }] });
		expect(table.lookup([n(11)])).toBeUndefined();
	});

	it.each<[string, CoefficientTableData, string]>([
		['no rows', { kind: 'lookup', dimensions: ['a'], rows: [] }, 'no rows'],
		['no dimensions', { kind: 'lookup', dimensions: [], rows: [] }, 'no key dimensions'],
		['short key', { kind: 'lookup', dimensions: ['a', 'b'], rows: [{ key: [1], value: 1 }] }, '1 keys instead of 2'],
		['mixed key types', { kind: 'lookup', dimensions: ['a'], rows: [{ key: [1], value: 1 }, { key: ['1'], value: 2 }] }, 'mix numbers and text'],
		['duplicate key', { kind: 'lookup', dimensions: ['a'], rows: [{ key: [1], value: 1 }, { key: [1.0], value: 2 }] }, 'appears twice'],
		['bad value', { kind: 'lookup', dimensions: ['a'], rows: [{ key: [1], value: 'ten' }] }, '"ten" is not a number'],
		['NaN value', { kind: 'brackets', dimension: 'a', rows: [{ up_to: 1, value: Number.NaN }] }, 'is not a number'],
		['falling bounds', { kind: 'brackets', dimension: 'a', rows: [{ up_to: 100, value: 1 }, { up_to: 60, value: 2 }] }, 'must rise'],
		['open bracket not last', { kind: 'brackets', dimension: 'a', rows: [{ up_to: null, value: 1 }, { up_to: 60, value: 2 }] }, 'only the last'],
		['empty brackets', { kind: 'brackets', dimension: 'a', rows: [] }, 'no rows']
	])('refuses a table with %s', (_, table, reason) => {
		expect(() => prepareTable('T', table)).toThrow(expect.objectContaining({ code: 'bad_table', message: expect.stringContaining(reason) }));
	});
});
