/**
 * Every way a formula can be refused, each with a stable code, the character where it happened
 * and a message in Persian and English that names the culprit, so a council clerk editing the
 * tariff book can fix it without a developer.
 */
import type { Bilingual } from '../../i18n/lang';
import { toPersianDigits } from '../text';

export type FormulaErrorCode =
	| 'too_long'
	| 'too_deep'
	| 'too_many_steps'
	| 'unexpected_character'
	| 'property_access'
	| 'single_equals'
	| 'unterminated_string'
	| 'bad_number'
	| 'unexpected_token'
	| 'unexpected_end'
	| 'unknown_variable'
	| 'unknown_function'
	| 'unknown_table'
	| 'unknown_value'
	| 'wrong_arity'
	| 'table_name_expected'
	| 'type_mismatch'
	| 'reserved_name'
	| 'missing_value'
	| 'bad_value'
	| 'division_by_zero'
	| 'exponent_not_whole'
	| 'exponent_too_large'
	| 'number_too_large'
	| 'table_key_missing'
	| 'bad_table'
	| 'bad_argument';

/** Names and numbers a message refers to. */
export type FormulaErrorDetail = Readonly<Record<string, string | number>>;

export class FormulaError extends Error {
	readonly messages: Bilingual;
	constructor(
		readonly code: FormulaErrorCode,
		/** 0-based character offset in the formula; null when the error is not tied to a place. */
		readonly position: number | null,
		readonly detail: FormulaErrorDetail = {}
	) {
		const messages = formulaErrorMessages(code, position, detail);
		super(messages.en);
		this.name = 'FormulaError';
		this.messages = messages;
	}
}

function describe(code: FormulaErrorCode, d: FormulaErrorDetail): Bilingual {
	const name = String(d.name ?? '');
	switch (code) {
		case 'too_long':
			return {
				fa: `فرمول بیش از ${toPersianDigits(d.limit)} نویسه است.`,
				en: `The formula is longer than ${d.limit} characters.`
			};
		case 'too_deep':
			return {
				fa: `فرمول بیش از ${toPersianDigits(d.limit)} سطح تودرتو دارد.`,
				en: `The formula nests more than ${d.limit} levels deep.`
			};
		case 'too_many_steps':
			return {
				fa: `محاسبهٔ فرمول از ${toPersianDigits(d.limit)} گام بیشتر شد.`,
				en: `Evaluating the formula took more than ${d.limit} steps.`
			};
		case 'unexpected_character':
			return { fa: `نویسهٔ «${name}» در فرمول مجاز نیست.`, en: `The character "${name}" is not allowed in a formula.` };
		case 'property_access':
			return {
				fa: `دسترسی به ویژگی با «${name}» مجاز نیست؛ فقط متغیرها و تابع‌های تعریف‌شده.`,
				en: `Property access with "${name}" is not allowed; use declared variables and functions only.`
			};
		case 'single_equals':
			return { fa: 'برای مقایسه «==» بنویسید، نه «=».', en: 'Write "==" to compare, not "=".' };
		case 'unterminated_string':
			return { fa: 'متن داخل گیومه بسته نشده است.', en: 'A quoted text is not closed.' };
		case 'bad_number':
			return { fa: `عدد «${name}» درست نوشته نشده است.`, en: `The number "${name}" is malformed.` };
		case 'unexpected_token':
			return {
				fa: `«${name}» اینجا انتظار نمی‌رفت${d.expected ? `؛ «${d.expected}» لازم است` : ''}.`,
				en: `Unexpected "${name}"${d.expected ? `; expected "${d.expected}"` : ''}.`
			};
		case 'unexpected_end':
			return {
				fa: `فرمول ناتمام است${d.expected ? `؛ «${d.expected}» لازم است` : ''}.`,
				en: `The formula ends too early${d.expected ? `; expected "${d.expected}"` : ''}.`
			};
		case 'unknown_variable':
			return { fa: `متغیر «${name}» تعریف نشده است.`, en: `The variable "${name}" is not declared.` };
		case 'unknown_function':
			return {
				fa: `تابع «${name}» مجاز نیست. تابع‌های مجاز: ${d.allowed}.`,
				en: `The function "${name}" is not allowed. Allowed functions: ${d.allowed}.`
			};
		case 'unknown_table':
			return { fa: `جدول ضرایب «${name}» تعریف نشده است.`, en: `The coefficient table "${name}" is not defined.` };
		case 'unknown_value':
			return {
				fa: `«${d.value}» از مقدارهای مجاز «${name}» نیست (${d.allowed}).`,
				en: `"${d.value}" is not one of the values of "${name}" (${d.allowed}).`
			};
		case 'wrong_arity':
			return {
				fa: `تابع «${name}» ${toPersianDigits(d.expected)} ورودی می‌گیرد، نه ${toPersianDigits(d.got)}.`,
				en: `The function "${name}" takes ${d.expected} arguments, not ${d.got}.`
			};
		case 'table_name_expected':
			return {
				fa: 'ورودی اول table باید نام یک جدول ضرایب باشد.',
				en: 'The first argument of table() must be the name of a coefficient table.'
			};
		case 'type_mismatch':
			return {
				fa: `«${name}» به ${typeFa(d.expected)} نیاز دارد، اما ${typeFa(d.got)} گرفت.`,
				en: `"${name}" needs ${d.expected}, but got ${d.got}.`
			};
		case 'reserved_name':
			return { fa: `نام «${name}» رزرو شده است و قابل تعریف نیست.`, en: `The name "${name}" is reserved and cannot be declared.` };
		case 'missing_value':
			return { fa: `مقدار «${name}» داده نشده است.`, en: `No value was given for "${name}".` };
		case 'bad_value':
			return {
				fa: `مقدار «${name}» باید ${typeFa(d.expected)} باشد.`,
				en: `The value of "${name}" must be ${d.expected}.`
			};
		case 'division_by_zero':
			return { fa: 'تقسیم بر صفر.', en: 'Division by zero.' };
		case 'exponent_not_whole':
			return { fa: 'توان باید عدد صحیح باشد.', en: 'The exponent must be a whole number.' };
		case 'exponent_too_large':
			return {
				fa: `توان از ${toPersianDigits(d.limit)} بزرگ‌تر است.`,
				en: `The exponent is larger than ${d.limit}.`
			};
		case 'number_too_large':
			return { fa: 'عدد حاصل بیش از حد بزرگ است.', en: 'The result is too large a number.' };
		case 'table_key_missing':
			return {
				fa: `جدول «${name}» برای «${d.key}» ردیفی ندارد.`,
				en: `The table "${name}" has no row for "${d.key}".`
			};
		case 'bad_table':
			return { fa: `جدول «${name}» نادرست است: ${d.reason_fa}`, en: `The table "${name}" is malformed: ${d.reason}` };
		case 'bad_argument':
			return { fa: `ورودی تابع «${name}» نادرست است: ${d.reason_fa}`, en: `Bad argument to "${name}": ${d.reason}` };
	}
}

function typeFa(type: string | number | undefined): string {
	return type === 'number' ? 'عدد' : type === 'boolean' ? 'درست/نادرست' : type === 'string' ? 'متن' : String(type);
}

/**
 * The bilingual message for an error, with the 1-based character position people count by.
 *
 * @example formulaErrorMessages('unknown_variable', 11, { name: 'aera' }).en
 * // 'The variable "aera" is not declared. (at character 12)'
 */
export function formulaErrorMessages(
	code: FormulaErrorCode,
	position: number | null,
	detail: FormulaErrorDetail = {}
): Bilingual {
	const text = describe(code, detail);
	if (position === null) return text;
	return {
		fa: `${text.fa} (نویسهٔ ${toPersianDigits(position + 1)})`,
		en: `${text.en} (at character ${position + 1})`
	};
}
