/**
 * Assessing fees: the book's items evaluated for one request's inputs, as itemised lines a
 * citizen can check by hand (formula, the numbers bound into it, coefficients read, discounts,
 * rounding) and a total that a bill can carry.
 *
 * Arithmetic: formulas are exact (rationals); each line's result is taken to the nearest rial
 * (halves up), bounded by the item's min/max, reduced by discounts (each to the nearest rial),
 * then rounded to the book's unit and mode. The total is the sum of the rounded lines, so the
 * receipt adds up and the total is whole thousands of rials.
 */
import type { Bilingual } from '../../i18n/lang';
import { evaluateFormula, Rational, type Bindings, type InputValue, type Value } from '../formula';
import { bindInputs } from './inputs';
import { percentOf, roundToUnit, toWholeRial } from './money';
import { prepareTariffBook, type PreparedBook, type PreparedDiscount, type PreparedItem } from './prepare-book';
import { collectFormulaError, tariffProblem, TariffError, type TariffProblem } from './problems';
import type { RoundingRule, TariffBook, TariffBookStatus } from './tariff-book';

/** Bumped whenever the arithmetic changes, so a stored assessment can say how it was computed. */
export const FEE_ENGINE_VERSION = 1;

export interface AssessedVariable {
	name: string;
	value: number | string | boolean;
	unit: string | null;
	description: Bilingual;
}

export interface AssessedCoefficient {
	table: string;
	title: Bilingual;
	keys: (number | string | boolean)[];
	value: number;
}

export interface AssessedDiscount {
	code: string;
	title: Bilingual;
	legal_basis: Bilingual;
	percent: number;
	amount_rial: number;
}

export interface AssessmentLine {
	item_code: string;
	title: Bilingual;
	legal_basis: Bilingual;
	formula: string;
	/** The inputs the formula read, with their units. */
	variables: AssessedVariable[];
	/** The coefficients it read from tables. */
	coefficients: AssessedCoefficient[];
	/** The formula's result to the nearest rial. */
	raw_rial: number;
	/** Set when the item's minimum or maximum replaced the raw amount. */
	limit: { kind: 'min' | 'max'; amount_rial: number } | null;
	discounts: AssessedDiscount[];
	/** After limits and discounts. */
	amount_rial: number;
	/** To the book's rounding unit: what is charged. */
	rounded_rial: number;
}

export interface NotCharged {
	item_code: string;
	title: Bilingual;
	reason: 'annulled' | 'not_applicable';
	ruling?: Bilingual;
}

export interface Assessment {
	engine_version: number;
	book: { title: Bilingual; city: Bilingual; jalali_year: number; status: TariffBookStatus; sample: boolean };
	request_kind: string | null;
	rounding: RoundingRule;
	lines: AssessmentLine[];
	not_charged: NotCharged[];
	total_rial: number;
}

export interface AssessOptions {
	/** Only items that apply to this kind of request, e.g. 'building_permit'. */
	request_kind?: string;
	/** Only these item codes (used to run one item's samples). */
	items?: readonly string[];
}

const prepared = new WeakMap<TariffBook, PreparedBook>();

/**
 * The book compiled once per book object (books are treated as immutable: change a copy); a book
 * with errors throws a {@link TariffError} listing them.
 *
 * @example preparedBook(SAMPLE_TARIFF_BOOK).items.length // 13
 */
export function preparedBook(book: TariffBook): PreparedBook {
	let result = prepared.get(book);
	if (!result) prepared.set(book, (result = prepareTariffBook(book)));
	const errors = result.problems.filter((p) => p.severity === 'error');
	if (errors.length > 0) throw new TariffError('invalid_book', errors);
	return result;
}

function toSafeNumber(amount: bigint, place: { item: string }, problems: TariffProblem[]): number {
	if (amount > BigInt(Number.MAX_SAFE_INTEGER)) problems.push(tariffProblem('amount_too_large', place));
	return Number(amount);
}

function display(value: Value): number | string | boolean {
	return value instanceof Rational ? value.toNumber() : value;
}

function applyDiscounts(
	base: bigint,
	discounts: PreparedDiscount[],
	bindings: Bindings,
	item: string,
	problems: TariffProblem[]
): { discount: PreparedDiscount; amount: bigint }[] {
	const applies = (d: PreparedDiscount) => {
		const place = { item, discount: d.discount.code, field: 'condition' as const };
		return collectFormulaError(problems, place, () => evaluateFormula(d.condition, bindings)) === true;
	};
	const applicable = discounts.filter(applies);
	const reduction = (d: PreparedDiscount, on: bigint) => {
		const amount = percentOf(on, d.percent);
		const cap = d.discount.cap_rial;
		return cap !== undefined && amount > BigInt(cap) ? BigInt(cap) : amount;
	};
	// The largest non-stackable discount wins (the first on a tie); stackable ones follow on the rest.
	const exclusive = applicable
		.filter((d) => !d.discount.stackable)
		.reduce<PreparedDiscount | null>((best, d) => (!best || reduction(d, base) > reduction(best, base) ? d : best), null);
	const chosen = [...(exclusive ? [exclusive] : []), ...applicable.filter((d) => d.discount.stackable)];
	let remaining = base;
	return chosen.map((discount) => {
		const amount = reduction(discount, remaining);
		remaining -= amount;
		return { discount, amount };
	});
}

function assessItem(
	book: PreparedBook,
	entry: PreparedItem,
	values: Map<string, Value>,
	problems: TariffProblem[]
): AssessmentLine | null {
	const { item } = entry;
	const place = { item: item.code };
	const lookups = new Map<string, AssessedCoefficient>();
	const bindings: Bindings = {
		values,
		tables: book.tables,
		onLookup(table, keys, value) {
			const title = book.book.tables.find((t) => t.name === table)?.title ?? { fa: table, en: table };
			lookups.set(`${table}|${keys.join('|')}`, { table, title, keys: keys.map(display), value: value.toNumber() });
		}
	};
	const raw = collectFormulaError(problems, { ...place, field: 'formula' }, () => evaluateFormula(entry.formula, bindings));
	if (!(raw instanceof Rational)) return null;
	if (raw.compare(Rational.ZERO) < 0) {
		problems.push(tariffProblem('negative_amount', { ...place, field: 'formula' }));
		return null;
	}
	const rawRial = toWholeRial(raw);
	let limited = rawRial;
	let limit: AssessmentLine['limit'] = null;
	if (rawRial > 0n && item.min_rial !== undefined && rawRial < BigInt(item.min_rial)) {
		limited = BigInt(item.min_rial);
		limit = { kind: 'min', amount_rial: item.min_rial };
	} else if (item.max_rial !== undefined && rawRial > BigInt(item.max_rial)) {
		limited = BigInt(item.max_rial);
		limit = { kind: 'max', amount_rial: item.max_rial };
	}
	const discounts = applyDiscounts(limited, entry.discounts, bindings, item.code, problems);
	const amount = discounts.reduce((rest, d) => rest - d.amount, limited);
	return {
		item_code: item.code,
		title: item.title,
		legal_basis: item.legal_basis,
		formula: item.formula,
		variables: entry.formula.variables.flatMap((name) => {
			const value = values.get(name);
			const v = book.variables.get(name)!;
			return value === undefined ? [] : [{ name, value: display(value), unit: v.unit, description: v.description }];
		}),
		coefficients: [...lookups.values()],
		raw_rial: toSafeNumber(rawRial, place, problems),
		limit,
		discounts: discounts.map(({ discount: { discount }, amount }) => ({
			code: discount.code,
			title: discount.title,
			legal_basis: discount.legal_basis,
			percent: discount.percent,
			amount_rial: Number(amount)
		})),
		amount_rial: toSafeNumber(amount, place, problems),
		rounded_rial: toSafeNumber(roundToUnit(amount, book.book.rounding), place, problems)
	};
}

/**
 * Assesses the fees of a request under a tariff book. Annulled items and items whose condition
 * is false are listed as not charged. Throws a {@link TariffError} listing every problem: a book
 * with errors, inputs undeclared, missing, of the wrong type or out of range, or a formula that
 * fails on these inputs (division by zero, a table row that does not exist, a negative amount).
 *
 * @example
 * const inputs = { dig_area: 30, surface: 'asphalt', road_class: 'arterial' };
 * assess(SAMPLE_TARIFF_BOOK, inputs, { request_kind: 'excavation' }).total_rial
 * // 243000000: 30 × 4,500,000 × 1.5 charge, plus a 30 % reinstatement deposit
 */
export function assess(
	book: TariffBook,
	inputs: Readonly<Record<string, InputValue | undefined>>,
	options: AssessOptions = {}
): Assessment {
	const prepared = preparedBook(book);
	const { values, problems } = bindInputs(prepared, inputs);
	const inputProblems = problems.length;
	const lines: AssessmentLine[] = [];
	const not_charged: NotCharged[] = [];
	const selected = prepared.items.filter(
		({ item }) =>
			(options.request_kind === undefined || item.applies_to.includes(options.request_kind)) &&
			(options.items === undefined || options.items.includes(item.code))
	);
	for (const entry of selected) {
		const { item } = entry;
		if (item.annulled) {
			not_charged.push({ item_code: item.code, title: item.title, reason: 'annulled', ruling: item.annulled.ruling });
			continue;
		}
		if (entry.condition) {
			const place = { item: item.code, field: 'condition' as const };
			const condition = entry.condition;
			const applies = collectFormulaError(problems, place, () => evaluateFormula(condition, { values, tables: prepared.tables }));
			if (applies !== true) {
				if (applies === false) not_charged.push({ item_code: item.code, title: item.title, reason: 'not_applicable' });
				continue;
			}
		}
		const line = assessItem(prepared, entry, values, problems);
		if (line) lines.push(line);
	}
	const total = lines.reduce((sum, line) => sum + BigInt(line.rounded_rial), 0n);
	if (total > BigInt(Number.MAX_SAFE_INTEGER)) problems.push(tariffProblem('amount_too_large', {}));
	if (problems.length > 0) throw new TariffError('invalid_assessment', dedupe(problems, inputProblems));
	return {
		engine_version: FEE_ENGINE_VERSION,
		book: { title: book.title, city: book.city, jalali_year: book.jalali_year, status: book.status, sample: book.sample === true },
		request_kind: options.request_kind ?? null,
		rounding: book.rounding,
		lines,
		not_charged,
		total_rial: Number(total)
	};
}

/**
 * The same problem met by several items (e.g. one missing input) is reported once, and an input
 * already refused by its own problem is not reported missing as well.
 */
function dedupe(problems: TariffProblem[], inputProblems: number): TariffProblem[] {
	const refused = new Set(problems.slice(0, inputProblems).map((p) => p.variable));
	const seen = new Set<string>();
	return problems.filter((p, i) => {
		if (i >= inputProblems && p.formula_error?.code === 'missing_value' && refused.has(p.variable)) return false;
		const key = JSON.stringify(p);
		return !seen.has(key) && !!seen.add(key);
	});
}
