import type { IsoDate } from '../../domain/working-days';
import { fromJalali, toJalali } from '../../domain/jalali';
import { toPersianDigits } from '../../domain/text';

/**
 * Calendar bans on street works (ممنوعیت حفاری), as DATA to be updated every year, like the
 * holidays in ../calendar/iran-holidays.ts. Iranian cities stop digging when streets are fullest:
 * Shahrekord issues no permits from 15 Esfand to 15 Farvardin, emergencies excepted, and works must
 * be finished before the ban (negaronline.ir/fa/news/7540412); Yazd bans digging on 1–13 Muharram
 * (yazd20.com). A city with other bans edits this list (or switches a row off in
 * `blackout_periods.active`); the rows are loaded into the database at start-up.
 *
 * - Nowruz bans sit on fixed Jalali days, so they are exact.
 * - Muharram bans follow the Hijri calendar. 1448's is counted back from Tasua (9 Muharram) on
 *   2026-06-24 as published in the official 1405 calendar, so it is exact as published. 1449's is
 *   estimated (354 days on, give or take the moon sighting): replace it when the 1406 calendar is out.
 * - Past the last year listed here, `blackoutCalendar(now)` adds the Nowruz bans (exact: fixed
 *   Jalali days) up to the year after `now`'s, so a server started in any year has them. Muharram
 *   bans cannot be counted without the published calendar: add them here each year.
 */
export interface BlackoutPeriod {
	code: string;
	name: { fa: string; en: string };
	/** The Jalali year the ban belongs to (a Nowruz ban starts in Esfand of the year before). */
	jalaliYear: number;
	from: IsoDate;
	until: IsoDate;
	/** Jalali dates of the same days, for review against the official calendar. */
	jalali: { from: string; until: string };
	estimated: boolean;
}

export const BLACKOUT_PERIODS: readonly BlackoutPeriod[] = [
	{
		code: '1405-nowruz',
		name: { fa: 'ممنوعیت حفاری نوروز ۱۴۰۵', en: 'Nowruz 1405 works ban' },
		jalaliYear: 1405,
		from: '2026-03-06',
		until: '2026-04-04',
		jalali: { from: '1404-12-15', until: '1405-01-15' },
		estimated: false
	},
	{
		code: '1405-muharram',
		name: { fa: 'ممنوعیت حفاری دههٔ اول محرم ۱۴۴۸ (۱ تا ۱۳ محرم)', en: 'Muharram 1448 works ban (1–13 Muharram)' },
		jalaliYear: 1405,
		from: '2026-06-16',
		until: '2026-06-28',
		jalali: { from: '1405-03-26', until: '1405-04-07' },
		estimated: false
	},
	{
		code: '1406-nowruz',
		name: { fa: 'ممنوعیت حفاری نوروز ۱۴۰۶', en: 'Nowruz 1406 works ban' },
		jalaliYear: 1406,
		from: '2027-03-06',
		until: '2027-04-04',
		jalali: { from: '1405-12-15', until: '1406-01-15' },
		estimated: false
	},
	{
		code: '1406-muharram',
		name: { fa: 'ممنوعیت حفاری دههٔ اول محرم ۱۴۴۹ (۱ تا ۱۳ محرم، تخمینی)', en: 'Muharram 1449 works ban (1–13 Muharram, estimated)' },
		jalaliYear: 1406,
		from: '2027-06-06',
		until: '2027-06-18',
		jalali: { from: '1406-03-16', until: '1406-03-28' },
		estimated: true
	}
];

/** The Nowruz ban of Jalali year `year`: 15 Esfand of the year before to 15 Farvardin. */
export function nowruzBan(year: number): BlackoutPeriod {
	const jalali = { from: `${year - 1}-12-15`, until: `${year}-01-15` };
	return {
		code: `${year}-nowruz`,
		name: { fa: `ممنوعیت حفاری نوروز ${toPersianDigits(year)}`, en: `Nowruz ${year} works ban` },
		jalaliYear: year,
		from: fromJalali({ year: year - 1, month: 12, day: 15 }),
		until: fromJalali({ year, month: 1, day: 15 }),
		jalali,
		estimated: false
	};
}

/**
 * The bans loaded at start-up on `now`: BLACKOUT_PERIODS, and after its last Nowruz ban one for
 * every year up to the year after `now`'s (Tehran's calendar), so Esfand's ban is known in advance.
 */
export function blackoutCalendar(now: Date = new Date()): BlackoutPeriod[] {
	const tehran = new Date(now.getTime() + 3.5 * 3600_000).toISOString().slice(0, 10);
	const until = toJalali(tehran).year + 1;
	const listed = Math.max(...BLACKOUT_PERIODS.filter((b) => b.code.endsWith('-nowruz')).map((b) => b.jalaliYear));
	const added: BlackoutPeriod[] = [];
	for (let year = listed + 1; year <= until; year++) added.push(nowruzBan(year));
	return [...BLACKOUT_PERIODS, ...added];
}
