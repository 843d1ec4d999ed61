/**
 * What can be wrong with a tariff book or with an assessment's inputs, each problem named and
 * placed (item, discount, table or variable, and which field), in Persian and English.
 */
import type { Bilingual } from '../../i18n/lang';
import { FormulaError, formulaErrorMessages, type FormulaErrorCode } from '../formula';
import { toPersianDigits } from '../text';

export type TariffProblemCode =
	| 'formula_error'
	| 'duplicate_name'
	| 'bad_variable'
	| 'unknown_item'
	| 'bad_percent'
	| 'bad_rounding'
	| 'bad_limits'
	| 'no_items'
	| 'no_samples'
	| 'sample_mismatch'
	| 'unused_variable'
	| 'unused_table'
	| 'unknown_input'
	| 'out_of_range'
	| 'negative_amount'
	| 'amount_too_large';

export type TariffField = 'formula' | 'condition' | 'rows' | 'declaration' | 'limits' | 'samples' | 'value';

export interface TariffProblem {
	code: TariffProblemCode;
	/** Errors block publishing and assessment; warnings are shown to the editor only. */
	severity: 'error' | 'warning';
	item?: string;
	discount?: string;
	table?: string;
	variable?: string;
	field?: TariffField;
	/** 1-based number of the item's sample. */
	sample?: number;
	/** For formula_error: the formula language's code and the 0-based character position. */
	formula_error?: { code: FormulaErrorCode; position: number | null };
	message: Bilingual;
}

export type ProblemPlace = Pick<TariffProblem, 'item' | 'discount' | 'table' | 'variable' | 'field' | 'sample'>;
type Detail = Readonly<Record<string, string | number | undefined>>;

const FIELD: Record<TariffField, Bilingual> = {
	formula: { fa: 'فرمول', en: 'formula' },
	condition: { fa: 'شرط', en: 'condition' },
	rows: { fa: 'ردیف‌ها', en: 'rows' },
	declaration: { fa: 'تعریف', en: 'declaration' },
	limits: { fa: 'کمینه و بیشینه', en: 'limits' },
	samples: { fa: 'نمونه‌ها', en: 'samples' },
	value: { fa: 'مقدار', en: 'value' }
};

function placeText(place: ProblemPlace): Bilingual | null {
	const parts: Bilingual[] = [];
	if (place.item !== undefined) parts.push({ fa: `ردیف ${place.item}`, en: `Item ${place.item}` });
	if (place.discount !== undefined) parts.push({ fa: `تخفیف ${place.discount}`, en: `Discount ${place.discount}` });
	if (place.table !== undefined) parts.push({ fa: `جدول ${place.table}`, en: `Table ${place.table}` });
	if (place.variable !== undefined) parts.push({ fa: `ورودی ${place.variable}`, en: `Input ${place.variable}` });
	if (place.sample !== undefined) parts.push({ fa: `نمونهٔ ${toPersianDigits(place.sample)}`, en: `sample ${place.sample}` });
	if (place.field !== undefined) parts.push(FIELD[place.field]);
	if (parts.length === 0) return null;
	return { fa: parts.map((p) => p.fa).join('، '), en: parts.map((p) => p.en).join(', ') };
}

function rial(amount: string | number | undefined): Bilingual {
	const text = Number(amount).toLocaleString('en-US');
	return { fa: `${toPersianDigits(text.replaceAll(',', '٬'))} ریال`, en: `${text} rials` };
}

function describe(code: Exclude<TariffProblemCode, 'formula_error'>, d: Detail): Bilingual {
	const name = String(d.name ?? '');
	switch (code) {
		case 'duplicate_name':
			return { fa: `«${name}» دو بار تعریف شده است.`, en: `"${name}" is defined twice.` };
		case 'bad_variable':
			return { fa: `تعریف نادرست است: ${d.reason_fa}.`, en: `The declaration is wrong: ${d.reason}.` };
		case 'unknown_item':
			return { fa: `ردیف «${name}» در کتاب تعرفه نیست.`, en: `There is no item "${name}" in the book.` };
		case 'bad_percent':
			return { fa: 'درصد تخفیف باید بیشتر از ۰ و حداکثر ۱۰۰ باشد.', en: 'The discount percent must be above 0 and at most 100.' };
		case 'bad_rounding':
			return {
				fa: 'واحد گرد کردن باید مضرب مثبتی از ۱۰۰۰ ریال باشد (قبض مبلغ را به هزار ریال می‌برد).',
				en: 'The rounding unit must be a positive multiple of 1,000 rials (bills carry thousands of rials).'
			};
		case 'bad_limits':
			return {
				fa: 'کمینه و بیشینهٔ مبلغ باید عدد صحیح نامنفی باشند و کمینه از بیشینه بیشتر نباشد.',
				en: 'The minimum and maximum must be whole rials, not negative, with the minimum not above the maximum.'
			};
		case 'no_items':
			return { fa: 'کتاب تعرفه هیچ ردیفی ندارد.', en: 'The tariff book has no items.' };
		case 'no_samples':
			return {
				fa: 'ردیف هیچ نمونهٔ محاسبه ندارد؛ پیش از انتشار دست‌کم یک نمونه بیفزایید.',
				en: 'The item has no worked sample; add at least one before publishing.'
			};
		case 'sample_mismatch': {
			const [expected, got] = [d.expected === 'none' ? null : rial(d.expected), d.got === 'none' ? null : rial(d.got)];
			return {
				fa: `انتظار ${expected?.fa ?? 'عدم شمول'} بود، اما محاسبه ${got?.fa ?? 'عدم شمول'} داد.`,
				en: `Expected ${expected?.en ?? 'the item not to apply'}, but the calculation gave ${
					got?.en ?? 'no charge (not applicable)'
				}.`
			};
		}
		case 'unused_variable':
			return { fa: 'این ورودی در هیچ فرمولی به کار نرفته است.', en: 'No formula uses this input.' };
		case 'unused_table':
			return { fa: 'این جدول در هیچ فرمولی به کار نرفته است.', en: 'No formula uses this table.' };
		case 'unknown_input':
			return { fa: `ورودی «${name}» در کتاب تعرفه تعریف نشده است.`, en: `The input "${name}" is not declared in the book.` };
		case 'out_of_range':
			if (d.min === undefined) {
				return { fa: `مقدار باید حداکثر ${toPersianDigits(String(d.max))} باشد.`, en: `The value must be at most ${d.max}.` };
			}
			if (d.max === undefined) {
				return { fa: `مقدار باید دست‌کم ${toPersianDigits(d.min)} باشد.`, en: `The value must be at least ${d.min}.` };
			}
			return {
				fa: `مقدار باید بین ${toPersianDigits(d.min)} و ${toPersianDigits(d.max)} باشد.`,
				en: `The value must be between ${d.min} and ${d.max}.`
			};
		case 'negative_amount':
			return { fa: 'فرمول مبلغ منفی داد.', en: 'The formula gave a negative amount.' };
		case 'amount_too_large':
			return { fa: 'مبلغ بیش از حد بزرگ است.', en: 'The amount is too large.' };
	}
}

function withPlace(place: ProblemPlace, text: Bilingual): Bilingual {
	const where = placeText(place);
	return where ? { fa: `${where.fa}: ${text.fa}`, en: `${where.en}: ${text.en}` } : text;
}

/**
 * A problem with its bilingual message, placed in the book.
 *
 * @example tariffProblem('no_samples', { item: '2-1', field: 'samples' }).message.en
 * // 'Item 2-1, samples: The item has no worked sample; add at least one before publishing.'
 */
export function tariffProblem(
	code: Exclude<TariffProblemCode, 'formula_error'>,
	place: ProblemPlace,
	detail: Detail = {},
	severity: TariffProblem['severity'] = 'error'
): TariffProblem {
	return { code, severity, ...place, message: withPlace(place, describe(code, detail)) };
}

/**
 * A formula language error, placed in the book; the formula's own message and position are kept.
 * A missing input is the input's problem, not the item's, so it is placed on the input alone and
 * several items missing the same input give one problem.
 */
export function formulaProblem(error: FormulaError, place: ProblemPlace): TariffProblem {
	if (error.code === 'missing_value' && typeof error.detail.name === 'string') {
		const input = { variable: error.detail.name, field: 'value' as const };
		const message = formulaErrorMessages('missing_value', null, error.detail);
		const formula_error = { code: error.code, position: null };
		return { code: 'formula_error', severity: 'error', ...input, formula_error, message: withPlace(input, message) };
	}
	return {
		code: 'formula_error',
		severity: 'error',
		...place,
		formula_error: { code: error.code, position: error.position },
		message: withPlace(place, error.messages)
	};
}

/** Runs `work`, turning a FormulaError into a placed problem; other errors are bugs and propagate. */
export function collectFormulaError<T>(problems: TariffProblem[], place: ProblemPlace, work: () => T): T | null {
	try {
		return work();
	} catch (error) {
		if (!(error instanceof FormulaError)) throw error;
		problems.push(formulaProblem(error, place));
		return null;
	}
}

export type TariffErrorCode = 'invalid_book' | 'invalid_assessment';

const TARIFF_ERRORS: Record<TariffErrorCode, Bilingual> = {
	invalid_book: { fa: 'کتاب تعرفه ایراد دارد', en: 'The tariff book has problems' },
	invalid_assessment: { fa: 'محاسبهٔ عوارض با این ورودی‌ها ممکن نیست', en: 'The fees cannot be assessed from these inputs' }
};

/** The book or the inputs are not usable; `problems` lists every reason found, not just the first. */
export class TariffError extends Error {
	readonly messages: Bilingual;
	constructor(
		readonly code: TariffErrorCode,
		readonly problems: readonly TariffProblem[]
	) {
		const head = TARIFF_ERRORS[code];
		const messages = {
			fa: `${head.fa}: ${problems.map((p) => p.message.fa).join(' ')}`,
			en: `${head.en}: ${problems.map((p) => p.message.en).join(' ')}`
		};
		super(messages.en);
		this.name = 'TariffError';
		this.messages = messages;
	}
}
