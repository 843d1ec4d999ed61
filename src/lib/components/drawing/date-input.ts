/**
 * A date typed by the applicant: Jalali (۱۴۰۵/۰۹/۱۰, 1405-9-10) or Gregorian ISO (2026-12-01),
 * told apart by the year (Jalali years are below 1700). Pure and client-safe.
 */
import { fromJalali, toJalali } from '../../domain/jalali';
import { toLatinDigits, toPersianDigits } from '../../domain/text';
import type { IsoDate } from '../../domain/working-days';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The calendar day typed, as YYYY-MM-DD (Gregorian), or null when it is no real date.
 *
 * @example parseDateInput('۱۴۰۵/۰۹/۱۰') // '2026-12-01'
 * @example parseDateInput('2026-12-01') // '2026-12-01'
 */
export function parseDateInput(text: string): IsoDate | null {
	const m = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(toLatinDigits(text).trim());
	if (!m) return null;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (year < 1700) {
		try {
			return fromJalali({ year, month, day });
		} catch {
			return null;
		}
	}
	const date = new Date(Date.UTC(year, month - 1, day));
	const iso = `${year}-${pad(month)}-${pad(day)}`;
	return date.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * How a date is shown in its input: Jalali «۱۴۰۵/۰۹/۱۰» in Persian, ISO in English.
 * @example dateInputText('2026-12-01', 'fa') // '۱۴۰۵/۰۹/۱۰'
 */
export function dateInputText(iso: IsoDate, lang: 'fa' | 'en'): string {
	if (lang === 'en') return iso;
	const { year, month, day } = toJalali(iso);
	return toPersianDigits(`${year}/${pad(month)}/${pad(day)}`);
}

/** `iso` moved by `days` calendar days. */
export function addDays(iso: IsoDate, days: number): IsoDate {
	return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today in Iran (UTC+03:30), as YYYY-MM-DD: the day the applicant lives in. */
export function tehranToday(now: Date = new Date()): IsoDate {
	return new Date(now.getTime() + 3.5 * 3_600_000).toISOString().slice(0, 10);
}
