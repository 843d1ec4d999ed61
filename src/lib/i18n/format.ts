/**
 * Numbers, areas and dates as the reader expects them: Persian digits and the Jalali calendar in
 * Persian, Latin digits and the Gregorian calendar in English. Pure and client-safe.
 */
import { toLatinDigits, toPersianDigits } from '../domain/text';
import type { Lang } from './lang';
import { toJalali } from '../domain/jalali';

// Search reads what a Persian keyboard types; the pages and browser tests import it from here.
export { toLatinDigits };

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

/**
 * A large sum in rials, shortened for a table cell: millions and billions (میلیون، میلیارد), to one
 * decimal; below a million the whole figure. The full figure belongs in the cell's title.
 * @example formatRialShort(114_127_587_017, 'fa') // '۱۱۴٫۱ میلیارد'
 */
export function formatRialShort(rial: number, lang: Lang): string {
	const abs = Math.abs(rial);
	if (abs >= 1e9) return `${formatNumber(rial / 1e9, lang, 1)} ${lang === 'fa' ? 'میلیارد' : 'bn'}`;
	if (abs >= 1e6) return `${formatNumber(rial / 1e6, lang, 1)} ${lang === 'fa' ? 'میلیون' : 'M'}`;
	return formatNumber(rial, lang, 0);
}

/** A length in metres. */
export function formatMetres(m: number, lang: Lang): string {
	return `${formatNumber(m, lang, 1)} ${lang === 'fa' ? 'متر' : 'm'}`;
}

/**
 * A file's size in the reader's units: bytes below a kilobyte, whole kilobytes below a megabyte, then megabytes to 0.1.
 * @example formatBytes(2_621_440, 'fa') // '۲٫۵ مگابایت'
 */
export function formatBytes(bytes: number, lang: Lang): string {
	const [b, kb, mb] = lang === 'fa' ? ['بایت', 'کیلوبایت', 'مگابایت'] : ['B', 'KB', 'MB'];
	if (bytes < 1024) return `${formatNumber(bytes, lang, 0)} ${b}`;
	if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, lang, 0)} ${kb}`;
	return `${formatNumber(bytes / 1024 / 1024, lang, 1)} ${mb}`;
}

/**
 * A percentage given in percent units (180 → ۱۸۰٪).
 * @example formatPercent(180, 'fa') // '۱۸۰٪'
 */
export function formatPercent(pct: number, lang: Lang): string {
	return lang === 'fa' ? `${formatNumber(pct, lang, 1)}٪` : `${formatNumber(pct, lang, 1)}%`;
}

/**
 * Items side by side, with the language's comma (Persian «،»).
 * @example joinList(['الف', 'ب'], 'fa') // 'الف، ب'
 */
export function joinList(items: readonly string[], lang: Lang): string {
	return items.join(lang === 'fa' ? '، ' : ', ');
}

/**
 * What stands between two facts on one line (a date and «overdue», a reference and a distance): the
 * Persian comma in Persian, a middle dot in English. A middle dot after Persian digits reads as one
 * more zero (۱۴۰۵ · → «۱۴۰۵۰»), since the Persian ۰ is itself a dot.
 * @example `${formatDate(d, 'fa')}${factSep('fa')}دیرکرد` // '۲ آذر ۱۴۰۵، دیرکرد'
 */
export function factSep(lang: Lang): string {
	return lang === 'fa' ? '، ' : ' · ';
}

/** The arrow from one thing to the next (a step to the one after it, before to after), in the reading direction. */
export function toArrow(lang: Lang): string {
	return lang === 'fa' ? '←' : '→';
}

/** Persian (Arabic-script) letters, not digits: text written in Persian. */
const PERSIAN_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

/** Whether a text is written in Persian (has a Persian letter), e.g. an address or a registry section's name. */
export function isPersianText(text: string): boolean {
	return PERSIAN_LETTER.test(text);
}

/**
 * Codes, plates, postal codes — and data strings — with the reader's digits, no grouping: Persian
 * digits in Persian; in English, Latin digits except inside Persian text (an address, a registry
 * section), which keeps Persian digits as written: «کوچه ۸» never becomes «کوچه 8». Put such text
 * in a `<bdi>` in an English sentence.
 * @example formatDigits('8-12', 'fa') // '۸-۱۲'
 * @example formatDigits('اصفهان، منطقه 3', 'en') // 'اصفهان، منطقه ۳'
 */
export function formatDigits(text: string, lang: Lang): string {
	return lang === 'en' && !isPersianText(text) ? toLatinDigits(text) : toPersianDigits(text);
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

/**
 * A calendar day as a date field shows it for editing — the app's one typed date format: Jalali
 * year/month/day with slashes in Persian digits in Persian, ISO Gregorian in English. The parsers
 * take either separator and either digits back.
 * @example formatDateInput('2025-12-04', 'fa') // '۱۴۰۴/۰۹/۱۳'
 * @example formatDateInput('2025-12-04', 'en') // '2025-12-04'
 */
export function formatDateInput(iso: string, lang: Lang): string {
	if (lang === 'en') return iso;
	const { year, month, day } = toJalali(iso);
	return toPersianDigits(`${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The time of day in Iran, 24-hour, for timestamps shown beside a date (timeline, outbox).
 * @example formatTime('2025-03-21T10:30:00Z', 'en') // '14:00'
 */
export function formatTime(value: string | Date, lang: Lang, { seconds = false } = {}): string {
	const key = `${lang}:${seconds}`;
	let f = timeFormats.get(key);
	if (!f) {
		const second = seconds ? ('2-digit' as const) : undefined;
		f = new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR' : 'en-GB', { hour: '2-digit', minute: '2-digit', second, timeZone: 'Asia/Tehran' });
		timeFormats.set(key, f);
	}
	return f.format(typeof value === 'string' ? new Date(value) : value);
}

function parseDay(value: string): Date {
	const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (day) return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
	// A timestamp: the calendar day it falls on in Iran (UTC+03:30) is what the citizen sees.
	const t = new Date(value);
	return new Date(t.getTime() + 3.5 * 3600_000);
}
