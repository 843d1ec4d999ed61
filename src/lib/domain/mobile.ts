import type { Bilingual } from '../i18n/lang';
import { toLatinDigits } from './text';

export type MobileProblem = 'empty' | 'not_digits' | 'not_iranian_mobile';

export type MobileResult = { ok: true; value: string } | { ok: false; code: MobileProblem; message: Bilingual };

const MESSAGES: Record<MobileProblem, Bilingual> = {
	empty: { fa: 'شماره همراه را وارد کنید.', en: 'Enter the mobile number.' },
	not_digits: { fa: 'شماره همراه فقط از رقم تشکیل می‌شود.', en: 'The mobile number must contain digits only.' },
	not_iranian_mobile: {
		fa: 'شماره همراه باید به شکل ۰۹xxxxxxxxx (۱۱ رقم) باشد.',
		en: 'The mobile number must look like 09xxxxxxxxx (11 digits).'
	}
};

/**
 * Normalises an Iranian mobile number to `09xxxxxxxxx`. Accepts Persian/Arabic digits, spaces,
 * dashes and parentheses, and the international forms +98 9…, 0098 9… and 98 9….
 *
 * @example normaliseMobile('+98 912 345 6789') // { ok: true, value: '09123456789' }
 */
export function normaliseMobile(input: string): MobileResult {
	const compact = toLatinDigits(input).replace(/[\s\-().‌]/g, '');
	if (compact === '') return { ok: false, code: 'empty', message: MESSAGES.empty };
	if (!/^\+?\d+$/.test(compact)) return { ok: false, code: 'not_digits', message: MESSAGES.not_digits };

	let national = compact;
	if (national.startsWith('+98')) national = '0' + national.slice(3);
	else if (national.startsWith('0098')) national = '0' + national.slice(4);
	else if (national.startsWith('98') && national.length === 12) national = '0' + national.slice(2);
	else if (national.startsWith('9') && national.length === 10) national = '0' + national;

	if (!/^09\d{9}$/.test(national)) {
		return { ok: false, code: 'not_iranian_mobile', message: MESSAGES.not_iranian_mobile };
	}
	return { ok: true, value: national };
}
