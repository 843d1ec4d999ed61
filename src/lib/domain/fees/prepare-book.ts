/**
 * Turning a tariff book into something that can assess fees: every formula and condition
 * compiled against the book's declared inputs and tables, every table checked, every structural
 * rule of the book verified. Problems are collected, not thrown, so an editor sees them all.
 */
import {
	checkDeclaredName,
	compileFormula,
	prepareTable,
	Rational,
	type CompiledFormula,
	type FormulaScope,
	type PreparedTable,
	type VariableSpec
} from '../formula';
import { bindInput } from './inputs';
import { collectFormulaError, tariffProblem, type TariffProblem } from './problems';
import type { TariffBook, TariffDiscount, TariffItem, TariffVariable } from './tariff-book';

export interface PreparedDiscount {
	discount: TariffDiscount;
	condition: CompiledFormula;
	percent: Rational;
}

export interface PreparedItem {
	item: TariffItem;
	formula: CompiledFormula;
	condition: CompiledFormula | null;
	/** The discounts that name this item, in the book's order. */
	discounts: PreparedDiscount[];
}

export interface PreparedBook {
	book: TariffBook;
	variables: ReadonlyMap<string, TariffVariable>;
	scope: FormulaScope & { variables: Readonly<Record<string, VariableSpec>> };
	tables: ReadonlyMap<string, PreparedTable>;
	/** Items whose formulas compiled, annulled ones included (they are kept, never charged). */
	items: PreparedItem[];
	problems: TariffProblem[];
}

function isWholeRial(value: number | undefined): boolean {
	return value === undefined || (Number.isSafeInteger(value) && value >= 0);
}

function variableReason(v: TariffVariable): { reason: string; reason_fa: string } | null {
	if (v.type !== 'string' && v.values) {
		return { reason: 'only text inputs list values', reason_fa: 'فهرست مقدار فقط برای ورودی متنی است' };
	}
	if (v.type !== 'number' && (v.min !== undefined || v.max !== undefined)) {
		return { reason: 'only numbers have a range', reason_fa: 'بازه فقط برای ورودی عددی است' };
	}
	if (v.values && new Set(v.values.map((x) => x.value)).size !== v.values.length) {
		return { reason: 'a value is listed twice', reason_fa: 'مقداری دو بار آمده است' };
	}
	if (v.min !== undefined && v.max !== undefined && v.min > v.max) {
		return { reason: 'min is above max', reason_fa: 'کمینه از بیشینه بیشتر است' };
	}
	return null;
}

function prepareVariables(book: TariffBook, problems: TariffProblem[]): Map<string, TariffVariable> {
	const variables = new Map<string, TariffVariable>();
	for (const v of book.variables) {
		const place = { variable: v.name, field: 'declaration' as const };
		if (variables.has(v.name)) {
			problems.push(tariffProblem('duplicate_name', place, { name: v.name }));
			continue;
		}
		if (collectFormulaError(problems, place, () => checkDeclaredName(v.name)) === null) continue;
		const reason = variableReason(v);
		if (reason) problems.push(tariffProblem('bad_variable', place, reason));
		else variables.set(v.name, v);
	}
	return variables;
}

function specOf(v: TariffVariable): VariableSpec {
	return v.values ? { type: v.type, values: v.values.map((x) => x.value) } : { type: v.type };
}

function prepareTables(book: TariffBook, problems: TariffProblem[]): Map<string, PreparedTable> {
	const tables = new Map<string, PreparedTable>();
	for (const table of book.tables) {
		const place = { table: table.name, field: 'rows' as const };
		if (tables.has(table.name)) {
			problems.push(tariffProblem('duplicate_name', place, { name: table.name }));
			continue;
		}
		const prepared = collectFormulaError(problems, place, () => {
			checkDeclaredName(table.name);
			return prepareTable(table.name, table);
		});
		if (prepared) tables.set(table.name, prepared);
	}
	return tables;
}

function prepareDiscounts(book: TariffBook, scope: FormulaScope, problems: TariffProblem[]): PreparedDiscount[] {
	const codes = new Set(book.items.map((item) => item.code));
	const seen = new Set<string>();
	const prepared: PreparedDiscount[] = [];
	for (const discount of book.discounts) {
		const place = { discount: discount.code };
		if (seen.has(discount.code)) problems.push(tariffProblem('duplicate_name', place, { name: discount.code }));
		seen.add(discount.code);
		for (const code of discount.items) {
			if (!codes.has(code)) problems.push(tariffProblem('unknown_item', place, { name: code }));
		}
		const percentOk = Number.isFinite(discount.percent) && discount.percent > 0 && discount.percent <= 100;
		if (!percentOk) problems.push(tariffProblem('bad_percent', place));
		if (!isWholeRial(discount.cap_rial)) problems.push(tariffProblem('bad_limits', { ...place, field: 'limits' }));
		const condition = collectFormulaError(problems, { ...place, field: 'condition' }, () =>
			compileFormula(discount.condition, scope, { expect: 'boolean' })
		);
		if (condition && percentOk) prepared.push({ discount, condition, percent: Rational.fromNumber(discount.percent) });
	}
	return prepared;
}

function prepareItem(item: TariffItem, scope: FormulaScope, problems: TariffProblem[]): Omit<PreparedItem, 'discounts'> | null {
	const place = { item: item.code };
	const formula = collectFormulaError(problems, { ...place, field: 'formula' }, () =>
		compileFormula(item.formula, scope, { expect: 'number' })
	);
	const condition =
		item.condition === undefined
			? null
			: collectFormulaError(problems, { ...place, field: 'condition' }, () =>
					compileFormula(item.condition as string, scope, { expect: 'boolean' })
				);
	const limitsOk =
		isWholeRial(item.min_rial) && isWholeRial(item.max_rial) && (item.min_rial ?? 0) <= (item.max_rial ?? Infinity);
	if (!limitsOk) problems.push(tariffProblem('bad_limits', { ...place, field: 'limits' }));
	if (!formula || (item.condition !== undefined && !condition) || !limitsOk) return null;
	return { item, formula, condition };
}

function reportUnused(prepared: PreparedBook, compiled: CompiledFormula[]): void {
	const usedVariables = new Set(compiled.flatMap((f) => f.variables));
	const usedTables = new Set(compiled.flatMap((f) => f.tables));
	for (const name of prepared.variables.keys()) {
		if (!usedVariables.has(name)) prepared.problems.push(tariffProblem('unused_variable', { variable: name }, {}, 'warning'));
	}
	for (const name of prepared.tables.keys()) {
		if (!usedTables.has(name)) prepared.problems.push(tariffProblem('unused_table', { table: name }, {}, 'warning'));
	}
}

/**
 * Compiles and checks a whole tariff book. Never throws for the book's content: everything
 * wrong is in `problems` (errors and warnings), and items that could not be compiled are left out.
 *
 * @example
 * const { problems } = prepareTariffBook(SAMPLE_TARIFF_BOOK);
 * problems.filter((p) => p.severity === 'error') // []
 */
export function prepareTariffBook(book: TariffBook): PreparedBook {
	const problems: TariffProblem[] = [];
	const { unit_rial, mode } = book.rounding;
	if (!Number.isSafeInteger(unit_rial) || unit_rial <= 0 || unit_rial % 1000 !== 0 || !['floor', 'round', 'ceil'].includes(mode)) {
		problems.push(tariffProblem('bad_rounding', {}));
	}
	if (book.items.length === 0) problems.push(tariffProblem('no_items', {}));
	const variables = prepareVariables(book, problems);
	const tables = prepareTables(book, problems);
	const specs = Object.fromEntries([...variables].map(([name, v]) => [name, specOf(v)]));
	const scope = { variables: specs, tables: Object.fromEntries(tables) };
	for (const v of variables.values()) {
		if (v.default !== undefined) bindInput(v, specs[v.name], v.default, problems, 'declaration');
	}

	const discounts = prepareDiscounts(book, scope, problems);
	const items: PreparedItem[] = [];
	const seen = new Set<string>();
	for (const item of book.items) {
		if (seen.has(item.code)) problems.push(tariffProblem('duplicate_name', { item: item.code }, { name: item.code }));
		seen.add(item.code);
		const prepared = prepareItem(item, scope, problems);
		if (prepared) items.push({ ...prepared, discounts: discounts.filter((d) => d.discount.items.includes(item.code)) });
	}
	const result: PreparedBook = { book, variables, scope, tables, items, problems };
	const compiled = [...items.flatMap((i) => [i.formula, i.condition ?? []].flat()), ...discounts.map((d) => d.condition)];
	reportUnused(result, compiled);
	return result;
}
