import type { Bilingual } from '../i18n/lang';
import { toLatinDigits } from './text';

export type NationalIdProblem = 'empty' | 'not_digits' | 'wrong_length' | 'repeated_digits' | 'bad_check_digit';

export type NationalIdResult =
	| { ok: true; value: string }
	| { ok: false; code: NationalIdProblem; message: Bilingual };

const MESSAGES: Record<NationalIdProblem, Bilingual> = {
	empty: { fa: 'کد ملی را وارد کنید.', en: 'Enter the national id.' },
	not_digits: { fa: 'کد ملی فقط از رقم تشکیل می‌شود.', en: 'The national id must contain digits only.' },
	wrong_length: { fa: 'کد ملی باید ۱۰ رقم باشد.', en: 'The national id must have 10 digits.' },
	repeated_digits: {
		fa: 'کد ملی با ده رقم یکسان معتبر نیست.',
		en: 'A national id of ten identical digits is not valid.'
	},
	bad_check_digit: {
		fa: 'رقم کنترل کد ملی درست نیست؛ کد را دوباره بررسی کنید.',
		en: 'The national id check digit does not match; please check the number.'
	}
};

function fail(code: NationalIdProblem): NationalIdResult {
	return { ok: false, code, message: MESSAGES[code] };
}

/**
 * The check digit of the first nine digits: weights 10..2, r = sum mod 11,
 * check = r < 2 ? r : 11 − r (the civil registry's rule).
 */
export function nationalIdCheckDigit(firstNine: string): number {
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
	const r = sum % 11;
	return r < 2 ? r : 11 - r;
}

/**
 * Validates an Iranian national id (کد ملی). Persian/Arabic digits, spaces and dashes are
 * accepted and normalised; the value returned is the 10 ASCII digits.
 *
 * @example validateNationalId('۰۰۸۴۵۷۵۹۴۸') // { ok: true, value: '0084575948' }
 */
export function validateNationalId(input: string): NationalIdResult {
	const text = toLatinDigits(input).replace(/[\s\-‌]/g, '');
	if (text === '') return fail('empty');
	if (!/^\d+$/.test(text)) return fail('not_digits');
	if (text.length !== 10) return fail('wrong_length');
	if (/^(\d)\1{9}$/.test(text)) return fail('repeated_digits');
	if (nationalIdCheckDigit(text) !== Number(text[9])) return fail('bad_check_digit');
	return { ok: true, value: text };
}

export function isValidNationalId(input: string): boolean {
	return validateNationalId(input).ok;
}
