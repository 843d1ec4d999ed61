import { describe, expect, it } from 'vitest';
import { fromJalali, jalaliIso } from '../../domain/jalali';
import { addCalendarDays, addWorkingDays, isWorkingDay, weekday } from '../../domain/working-days';
import { estimatedHolidays } from './holiday-rules';
import { ESTIMATED_YEARS_AFTER_DATA, HOLIDAY_DATA_COVERS, IRAN_OFFICIAL_HOLIDAYS, holidayDataCovers, holidayOutlook, holidaysBetween, iranHolidays, municipalCalendar, officialHolidayOn } from './index';

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
const namesOf = (en: string) => en.split('; ');

describe('holidays estimated from the calendar rules', () => {
	it('put the fixed solar days exactly where the published calendars of 1404 and 1405 have them', () => {
		for (const year of [1404, 1405]) {
			const published = IRAN_OFFICIAL_HOLIDAYS.filter((h) => h.jalali.startsWith(`${year}-`) && h.basis === 'solar').map((h) => h.date);
			const estimated = estimatedHolidays(year).filter((h) => h.basis === 'solar').map((h) => h.date);
			expect(estimated).toEqual(published);
		}
	});

	it('place every published lunar holiday of 1404–1405 within a day, most of them on the day', () => {
		const estimates = [...estimatedHolidays(1404), ...estimatedHolidays(1405)];
		const published = IRAN_OFFICIAL_HOLIDAYS.filter((h) => h.basis === 'lunar' && h.status === 'published');
		expect(published.length).toBeGreaterThanOrEqual(19);
		let exact = 0;
		for (const h of published) {
			const sameHoliday = estimates.filter((e) => namesOf(e.name.en).includes(h.name.en));
			const nearest = Math.min(...sameHoliday.map((e) => Math.abs(dayNumber(e.date) - dayNumber(h.date))));
			expect(nearest, `${h.name.en} ${h.jalali}`).toBeLessThanOrEqual(1);
			if (nearest === 0) exact++;
		}
		expect(exact / published.length).toBeGreaterThanOrEqual(0.7);
	});

	it('give each later year its 26 or so days once each, in order, in both languages: the solar ones fixed, the lunar ones estimated', () => {
		for (let year = 1406; year <= 1415; year++) {
			const rows = estimatedHolidays(year);
			expect(rows.length, String(year)).toBeGreaterThanOrEqual(24);
			expect(rows.length, String(year)).toBeLessThanOrEqual(27);
			const dates = rows.map((h) => h.date);
			expect([...new Set(dates)].sort()).toEqual(dates);
			for (const h of rows) {
				expect(jalaliIso(h.date)).toBe(h.jalali);
				expect(h.jalali.startsWith(`${year}-`)).toBe(true);
				expect(h.status).toBe(h.basis === 'solar' ? 'fixed' : 'estimated');
				expect(h.name.fa).toMatch(/[\u0600-\u06ff]/);
				expect(h.name.en).toMatch(/[A-Za-z]/);
			}
			// the lunar year is eleven days shorter: Tasua and Ashura stay consecutive and move about 11 days earlier a year
			const tasua = rows.find((h) => namesOf(h.name.en).includes('Tasua'));
			const ashura = rows.find((h) => namesOf(h.name.en).includes('Ashura'));
			if (tasua && ashura) expect(dayNumber(ashura.date) - dayNumber(tasua.date)).toBe(1);
		}
	});
});

describe('the working calendar past the published data', () => {
	const cal = municipalCalendar();

	it('keeps Nowruz 1406 and Sizdah Bedar off although the data ends on 29 Esfand 1405', () => {
		expect(holidayDataCovers('2027-03-21')).toBe(false);
		for (const day of [1, 2, 3, 4, 12, 13]) {
			const date = fromJalali({ year: 1406, month: 1, day });
			expect(isWorkingDay(date, cal), jalaliIso(date)).toBe(false);
			expect(officialHolidayOn(date)?.status).toBe('fixed');
		}
		// five working days from Wednesday 26 Esfand 1405: the weekend, Saturday 29 Esfand (a holiday), Nowruz
		// (Sunday to Wednesday) and the weekend again, so Saturday 7 Farvardin is the first and Wednesday 11 the fifth
		const start = fromJalali({ year: 1405, month: 12, day: 26 });
		expect(weekday(start)).toBe(3);
		expect(jalaliIso(addWorkingDays(start, 5, cal))).toBe('1406-01-11');
	});

	it('lists the data as it is, then ten years of estimates without a gap', () => {
		const all = iranHolidays();
		expect(all.slice(0, IRAN_OFFICIAL_HOLIDAYS.length)).toEqual(IRAN_OFFICIAL_HOLIDAYS);
		const later = all.slice(IRAN_OFFICIAL_HOLIDAYS.length);
		expect(later.every((h) => h.status !== 'published' && h.date > HOLIDAY_DATA_COVERS.to)).toBe(true);
		expect(later[0].jalali).toBe('1406-01-01');
		expect(later.at(-1)!.jalali).toBe(`${1405 + ESTIMATED_YEARS_AFTER_DATA}-12-29`);
		// every year has its Nowruz
		for (let year = 1406; year <= 1405 + ESTIMATED_YEARS_AFTER_DATA; year++) expect(later.some((h) => h.jalali === `${year}-01-01`)).toBe(true);
	});

	it('answers the holidays of a period for the administrator', () => {
		const nowruz = fromJalali({ year: 1406, month: 1, day: 1 });
		const rows = holidaysBetween(addCalendarDays(nowruz, -1), addCalendarDays(nowruz, 4));
		expect(rows.map((h) => h.jalali)).toEqual(['1405-12-29', '1406-01-01', '1406-01-02', '1406-01-03', '1406-01-04']);
		expect(rows.map((h) => h.status)).toEqual(['published', 'fixed', 'fixed', 'fixed', 'fixed']);
	});

	it('tells the administrator a year ahead, and warns three months before the list runs out', () => {
		const now = holidayOutlook('2026-12-02');
		expect(now.listEndsSoon).toBe(false);
		expect(now.rows[0].date >= '2026-12-02').toBe(true);
		expect(now.rows.at(-1)!.date < '2027-12-02').toBe(true);
		expect(new Set(now.rows.map((h) => h.status))).toEqual(new Set(['published', 'estimated', 'fixed']));
		const later = holidayOutlook(addCalendarDays(HOLIDAY_DATA_COVERS.to, -89));
		expect(later.listEndsSoon).toBe(true);
		expect(later.rows.filter((h) => h.date > HOLIDAY_DATA_COVERS.to).every((h) => h.status !== 'published')).toBe(true);
	});
});
