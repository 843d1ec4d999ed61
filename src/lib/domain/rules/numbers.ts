/**
 * Numbers as rule books and owners write them, and as the checker's sentences show them.
 * Reading accepts Persian and Arabic-Indic digits, the Persian decimal (٫) and thousands (٬)
 * separators, commas as thousands separators and a trailing percent sign (%, ٪ or «درصد»).
 * Writing gives Persian digits with Persian separators in Persian, Latin ones in English.
 */
import type { Bilingual } from '../../i18n/lang';
import { toLatinDigits, toPersianDigits } from '../text';

export interface ReadNumber {
	value: number;
	/** The text carried a percent sign. */
	percent: boolean;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * A decimal number from text; null when the text is not one number.
 *
 * @example readNumber('۶۰٪') // { value: 60, percent: true }
 * @example readNumber('1,250.5') // { value: 1250.5, percent: false }
 */
export function readNumber(text: string): ReadNumber | null {
	let t = toLatinDigits(text).trim().replace(/\s*درصد$/, '%').replace(/٪/g, '%');
	const percent = t.endsWith('%');
	if (percent) t = t.slice(0, -1);
	t = t.replace(/[٬,\s\u200c]/g, '').replace('٫', '.');
	if (!DECIMAL.test(t)) return null;
	const value = Number(t);
	return Number.isFinite(value) ? { value, percent } : null;
}

/** `value` with `decimals` decimals and thousands grouping, in Latin digits. */
function fixed(value: number, decimals: number): string {
	const rounded = Number(value.toFixed(decimals));
	return (Object.is(rounded, -0) ? 0 : rounded).toLocaleString('en-US', {
		minimumFractionDigits: decimals,
		maximumFractionDigits: decimals
	});
}

/**
 * A number in both languages: Persian digits with ٬ and ٫ in Persian.
 *
 * @example num(1234.5, 2) // { fa: '۱٬۲۳۴٫۵۰', en: '1,234.50' }
 */
export function num(value: number, decimals = 0): Bilingual {
	const en = fixed(value, decimals);
	return { fa: toPersianDigits(en.replace(/,/g, '٬').replace('.', '٫')), en };
}

/** A plain figure: whole numbers without decimals, others to 0.01 (`{ fa: '۸٫۵۰', en: '8.50' }`). */
export function figure(value: number): Bilingual {
	return num(value, Number.isInteger(value) ? 0 : 2);
}

/** An area to 0.01 m²: `{ fa: '۱۸۰٫۰۰ م²', en: '180.00 m²' }`. */
export function area(m2: number): Bilingual {
	const n = num(m2, 2);
	return { fa: `${n.fa} م²`, en: `${n.en} m²` };
}

/** A length to 0.01 m: `{ fa: '۱۰٫۵۰ متر', en: '10.50 m' }`. */
export function metres(m: number): Bilingual {
	const n = num(m, 2);
	return { fa: `${n.fa} متر`, en: `${n.en} m` };
}

/** A percentage with up to two decimals: `{ fa: '۶۰٪', en: '60%' }`. */
export function percent(pct: number): Bilingual {
	const n = figure(pct);
	return { fa: `${n.fa}٪`, en: `${n.en}%` };
}

/** Rounds to 0.01, the precision of every figure the checker reports. */
export function round2(value: number): number {
	const r = Math.round(value * 100) / 100;
	return Object.is(r, -0) ? 0 : r;
}
