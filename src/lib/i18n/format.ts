/**
 * Numbers, areas and dates as the reader expects them: Persian digits and the Jalali calendar in
 * Persian, Latin digits and the Gregorian calendar in English. Pure and client-safe.
 */
import type { Lang } from './lang';

// Map styles import the type from here.
export type { Lang };

const LOCALE: Record<Lang, string> = { fa: 'fa-IR', en: 'en-US' };
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, digits: number): Intl.NumberFormat {
	const key = `${lang}:${digits}`;
	let f = numberFormats.get(key);
	if (!f) {
		f = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits, minimumFractionDigits: 0 });
		numberFormats.set(key, f);
	}
	return f;
}

/**
 * A number with grouping, at most `digits` decimals.
 * @example formatNumber(1234.56, 'fa') // '۱٬۲۳۴٫۶'
 */
export function formatNumber(value: number, lang: Lang, digits = 1): string {
	// Intl marks negatives with an LRM in Persian; keep the plain minus so the figure reads as one word.
	return numberFormat(lang, digits).format(value).replace(/\u200e/g, '');
}

/**
 * An area in square metres, to 0.1 m² (what matters to an owner).
 * @example formatArea(123.44, 'fa') // '۱۲۳٫۴ م²'
 */
export function formatArea(m2: number, lang: Lang): string {
	return `${formatNumber(m2, lang, 1)} ${lang === 'fa' ? 'م²' : 'm²'}`;
}

/** A length in metres. */
export function formatMetres(m: number, lang: Lang): string {
	return `${formatNumber(m, lang, 1)} ${lang === 'fa' ? 'متر' : 'm'}`;
}

/**
 * A percentage given in percent units (180 → ۱۸۰٪).
 * @example formatPercent(180, 'fa') // '۱۸۰٪'
 */
export function formatPercent(pct: number, lang: Lang): string {
	return lang === 'fa' ? `${formatNumber(pct, lang, 1)}٪` : `${formatNumber(pct, lang, 1)}%`;
}

/** Digits only (codes, plates, postal codes): Persian digits in Persian, no grouping. */
export function formatDigits(text: string, lang: Lang): string {
	if (lang === 'en') return toLatinDigits(text);
	return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}

/**
 * Persian (۰–۹) and Arabic-Indic (٠–٩) digits to ASCII, so search accepts what a Persian keyboard types.
 * @example toLatinDigits('۱۲۳-٤٥') // '123-45'
 */
export function toLatinDigits(text: string): string {
	return text
		.replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
		.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
	fa: new Intl.DateTimeFormat('fa-IR-u-ca-persian', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
	en: new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
};

/**
 * A calendar date: Jalali in Persian, Gregorian in English. Accepts `YYYY-MM-DD` or an ISO
 * timestamp; a bare date is read as that calendar day (UTC), never shifted by the time zone.
 * @example formatDate('2025-03-21', 'fa') // '۱ فروردین ۱۴۰۴'
 */
export function formatDate(value: string | Date, lang: Lang): string {
	const date = typeof value === 'string' ? parseDay(value) : value;
	if (Number.isNaN(date.getTime())) return String(value);
	return dateFormats[lang].format(date);
}

function parseDay(value: string): Date {
	const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (day) return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
	// A timestamp: the calendar day it falls on in Iran (UTC+03:30) is what the citizen sees.
	const t = new Date(value);
	return new Date(t.getTime() + 3.5 * 3600_000);
}
