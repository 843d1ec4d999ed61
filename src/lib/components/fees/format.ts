import { formatDigits, formatNumber, isMessageKey, t, type Lang, type MessageKey } from '$lib/i18n';

/** Whole rials with grouping: «۱۶۲٬۰۰۰٬۰۰۰ ریال». */
export function formatRial(amount: number, lang: Lang): string {
	return t(lang, 'fees.rial_amount', { amount: formatNumber(amount, lang, 0) });
}

const UNITS: Record<string, MessageKey> = {
	'rial/m2': 'fees.unit_rial_per_m2',
	m2: 'fees.unit_m2',
	m: 'fees.unit_m',
	years: 'fees.unit_years',
	'%': 'fees.unit_percent'
};

/** A value bound into a formula, with its unit («۱۸۰ مترمربع»), or its label for a text input. */
export function formatBound(value: number | string | boolean, unit: string | null, lang: Lang, labels?: Record<string, { fa: string; en: string }>): string {
	if (typeof value === 'boolean') return t(lang, value ? 'fees.yes' : 'fees.no');
	if (typeof value === 'string') return labels?.[value]?.[lang] ?? value;
	const number = formatNumber(value, lang, 4);
	// «1 year», not «1 years» (Persian nouns after a number stay singular: «۱ سال»، «۲ سال»)
	if (unit === 'years' && value === 1) return `${number} ${t(lang, 'fees.unit_year')}`;
	return unit && UNITS[unit] ? `${number} ${t(lang, UNITS[unit])}` : number;
}

/** A bill or payment id in the reader's digits, no grouping. */
export const formatId = (id: string, lang: Lang) => formatDigits(id, lang);

/** A request kind of the tariff book in words, or as the book spells it when the catalogue has no name for it. */
export function kindName(kind: string, lang: Lang): string {
	const key = `fees.kind_${kind}`;
	return isMessageKey(key) ? t(lang, key) : kind;
}

const SYMBOLS: Record<string, MessageKey> = {
	'rial/m2': 'fees.sym_rial_per_m2',
	m2: 'fees.sym_m2',
	m: 'fees.sym_m',
	years: 'fees.sym_years',
	'%': 'fees.sym_percent'
};

/** A form field's unit, short («م²», «٪»); null for counts (the label says what is counted) and when the book gives none or one the catalogue does not know. */
export function unitSymbol(unit: string | null | undefined, lang: Lang): string | null {
	return unit && SYMBOLS[unit] ? t(lang, SYMBOLS[unit]) : null;
}
