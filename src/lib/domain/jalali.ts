import jalaali from 'jalaali-js';
import type { Bilingual, Lang } from '../i18n/lang';
import { toPersianDigits } from './text';
import type { IsoDate } from './working-days';

export interface JalaliDate {
	year: number;
	month: number; // 1 = Farvardin
	day: number;
}

export const JALALI_MONTHS: readonly Bilingual[] = [
	{ fa: 'فروردین', en: 'Farvardin' },
	{ fa: 'اردیبهشت', en: 'Ordibehesht' },
	{ fa: 'خرداد', en: 'Khordad' },
	{ fa: 'تیر', en: 'Tir' },
	{ fa: 'مرداد', en: 'Mordad' },
	{ fa: 'شهریور', en: 'Shahrivar' },
	{ fa: 'مهر', en: 'Mehr' },
	{ fa: 'آبان', en: 'Aban' },
	{ fa: 'آذر', en: 'Azar' },
	{ fa: 'دی', en: 'Dey' },
	{ fa: 'بهمن', en: 'Bahman' },
	{ fa: 'اسفند', en: 'Esfand' }
];

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

/** '2025-03-21' → { year: 1404, month: 1, day: 1 } */
export function toJalali(date: IsoDate): JalaliDate {
	const [gy, gm, gd] = date.split('-').map(Number);
	const { jy, jm, jd } = jalaali.toJalaali(gy, gm, gd);
	return { year: jy, month: jm, day: jd };
}

/** { year: 1404, month: 1, day: 1 } → '2025-03-21'; throws on a day the month does not have. */
export function fromJalali({ year, month, day }: JalaliDate): IsoDate {
	if (!jalaali.isValidJalaaliDate(year, month, day)) {
		throw new RangeError(`Not a Jalali date: ${year}/${month}/${day}`);
	}
	const { gy, gm, gd } = jalaali.toGregorian(year, month, day);
	return `${gy}-${pad(gm)}-${pad(gd)}`;
}

/** '1404-01-01' style, the form the holiday data and logs use. */
export function jalaliIso(date: IsoDate): string {
	const { year, month, day } = toJalali(date);
	return `${year}-${pad(month)}-${pad(day)}`;
}

/** '۱ فروردین ۱۴۰۴' in Persian, '1 Farvardin 1404' in English. */
export function formatJalali(date: IsoDate, lang: Lang = 'fa'): string {
	const { year, month, day } = toJalali(date);
	const text = `${day} ${JALALI_MONTHS[month - 1][lang]} ${year}`;
	return lang === 'fa' ? toPersianDigits(text) : text;
}
