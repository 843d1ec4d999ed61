/**
 * Coefficient tables a formula reads with `table(name, key, …)`: exact lookups by one or more
 * keys (e.g. floor × use → M), and brackets by a number (e.g. floor area ≤ 60 m² → 5 %).
 */
import type { Value } from './ast';
import { FormulaError } from './errors';
import { Rational } from './rational';

export type TableKey = string | number;

export type CoefficientTableData =
	| {
			kind: 'lookup';
			/** What each key is, e.g. ['floor', 'use']. */
			dimensions: readonly string[];
			rows: readonly { key: readonly TableKey[]; value: number | string }[];
	  }
	| {
			kind: 'brackets';
			/** What the key is, e.g. 'gross floor area (m²)'. */
			dimension: string;
			/** Ascending; a key falls in the first row whose `up_to` is not below it; null = no upper bound. */
			rows: readonly { up_to: number | null; value: number | string }[];
	  };

export type KeyType = 'number' | 'string';

export interface PreparedTable {
	readonly key_types: readonly KeyType[];
	/** The coefficient for these keys, or undefined when the table has no such row. */
	lookup(keys: readonly Value[]): Rational | undefined;
}

function badTable(name: string, reason: string, reason_fa: string): FormulaError {
	return new FormulaError('bad_table', null, { name, reason, reason_fa });
}

function readValue(name: string, value: number | string): Rational {
	const parsed =
		typeof value === 'number' && Number.isFinite(value) ? Rational.fromNumber(value) : Rational.parse(String(value));
	if (!parsed) throw badTable(name, `"${value}" is not a number`, `«${value}» عدد نیست`);
	return parsed;
}

function keyString(key: Value | TableKey): string | null {
	if (typeof key === 'string') return `s:${key}`;
	if (typeof key === 'number') return Number.isFinite(key) ? `n:${Rational.fromNumber(key)}` : null;
	if (typeof key === 'boolean') return null;
	return `n:${key}`;
}

function prepareLookup(name: string, table: Extract<CoefficientTableData, { kind: 'lookup' }>): PreparedTable {
	const width = table.dimensions.length;
	if (width === 0) throw badTable(name, 'it has no key dimensions', 'هیچ بُعد کلیدی ندارد');
	const key_types: KeyType[] = [];
	const rows = new Map<string, Rational>();
	for (const row of table.rows) {
		const count = row.key.length;
		if (count !== width) {
			throw badTable(name, `a row has ${count} keys instead of ${width}`, `ردیفی ${count} کلید دارد به‌جای ${width}`);
		}
		row.key.forEach((key, i) => {
			const type: KeyType = typeof key === 'number' ? 'number' : 'string';
			key_types[i] ??= type;
			const dimension = table.dimensions[i];
			if (key_types[i] !== type) {
				throw badTable(name, `keys of "${dimension}" mix numbers and text`, `کلیدهای «${dimension}» عدد و متن را با هم دارند`);
			}
		});
		const key = row.key.map(keyString).join('|');
		const shown = row.key.join(' × ');
		if (rows.has(key)) throw badTable(name, `the key ${shown} appears twice`, `کلید ${shown} دو بار آمده است`);
		rows.set(key, readValue(name, row.value));
	}
	if (rows.size === 0) throw badTable(name, 'it has no rows', 'هیچ ردیفی ندارد');
	return {
		key_types,
		lookup: (keys) => (keys.length === width ? rows.get(keys.map(keyString).join('|')) : undefined)
	};
}

function prepareBrackets(name: string, table: Extract<CoefficientTableData, { kind: 'brackets' }>): PreparedTable {
	if (table.rows.length === 0) throw badTable(name, 'it has no rows', 'هیچ ردیفی ندارد');
	const rows = table.rows.map((row, i) => {
		if (row.up_to === null && i !== table.rows.length - 1) {
			throw badTable(name, 'only the last bracket may be open-ended', 'فقط آخرین بازه می‌تواند بی‌کران باشد');
		}
		return { up_to: row.up_to === null ? null : readValue(name, row.up_to), value: readValue(name, row.value) };
	});
	for (let i = 1; i < rows.length; i++) {
		const [low, high] = [rows[i - 1].up_to, rows[i].up_to];
		if (low && high && low.compare(high) >= 0) {
			throw badTable(name, 'bracket bounds must rise from row to row', 'کران بازه‌ها باید ردیف به ردیف بیشتر شود');
		}
	}
	return {
		key_types: ['number'],
		lookup([key]) {
			if (!(key instanceof Rational)) return undefined;
			return rows.find((row) => row.up_to === null || key.compare(row.up_to) <= 0)?.value;
		}
	};
}

/**
 * Checks a table's rows and makes it ready for lookups. A malformed table throws a
 * {@link FormulaError} `bad_table` that says what is wrong.
 *
 * @example
 * const rows = [{ up_to: 60, value: 0.05 }, { up_to: null, value: 0.1 }];
 * const area = prepareTable('K_area', { kind: 'brackets', dimension: 'm²', rows });
 * area.lookup([Rational.of(60n)])?.toString() // '1/20'
 */
export function prepareTable(name: string, table: CoefficientTableData): PreparedTable {
	return table.kind === 'lookup' ? prepareLookup(name, table) : prepareBrackets(name, table);
}
