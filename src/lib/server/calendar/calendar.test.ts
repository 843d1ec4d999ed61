import { describe, expect, it } from 'vitest';
import { jalaliIso } from '../../domain/jalali';
import { addWorkingDays, isWorkingDay, weekday } from '../../domain/working-days';
import { HOLIDAY_DATA_COVERS, IRAN_OFFICIAL_HOLIDAYS, holidayDataCovers, municipalCalendar, officialHolidayOn } from './index';

const yearOf = (jalali: string) => jalali.slice(0, 4);

describe('official holiday data', () => {
	it('gives each holiday a Jalali date that matches its Gregorian date', () => {
		for (const h of IRAN_OFFICIAL_HOLIDAYS) expect(jalaliIso(h.date), h.name.en).toBe(h.jalali);
	});

	it('lists each day once, in date order, with names in both languages', () => {
		const dates = IRAN_OFFICIAL_HOLIDAYS.map((h) => h.date);
		expect(new Set(dates).size).toBe(dates.length);
		expect([...dates].sort()).toEqual(dates);
		for (const h of IRAN_OFFICIAL_HOLIDAYS) {
			expect(h.name.fa).toMatch(/[\u0600-\u06ff]/);
			expect(h.name.en).toMatch(/[A-Za-z]/);
		}
	});

	it('holds the fixed solar holidays of 1404 and 1405', () => {
		for (const year of ['1404', '1405']) {
			for (const md of ['01-01', '01-02', '01-03', '01-04', '01-12', '01-13', '03-14', '03-15', '11-22', '12-29']) {
				expect(IRAN_OFFICIAL_HOLIDAYS.some((h) => h.jalali === `${year}-${md}`), `${year}-${md}`).toBe(true);
			}
		}
	});

	it('matches the published counts: 26 days in 1404 (4 on Friday), 25 in 1405 (6 on Thursday, 3 on Friday)', () => {
		const y1404 = IRAN_OFFICIAL_HOLIDAYS.filter((h) => yearOf(h.jalali) === '1404');
		const y1405 = IRAN_OFFICIAL_HOLIDAYS.filter((h) => yearOf(h.jalali) === '1405');
		expect(y1404).toHaveLength(26);
		expect(y1404.filter((h) => weekday(h.date) === 5)).toHaveLength(4);
		expect(y1405).toHaveLength(25);
		expect(y1405.filter((h) => weekday(h.date) === 4)).toHaveLength(6);
		expect(y1405.filter((h) => weekday(h.date) === 5)).toHaveLength(3);
	});

	it('has Tasua and Ashura on consecutive days each year', () => {
		const tasua = IRAN_OFFICIAL_HOLIDAYS.filter((h) => h.name.en === 'Tasua');
		expect(tasua.map((h) => h.jalali)).toEqual(['1404-04-14', '1405-04-03']);
		for (const t of tasua) {
			const next = IRAN_OFFICIAL_HOLIDAYS[IRAN_OFFICIAL_HOLIDAYS.indexOf(t) + 1];
			expect(next.name.en).toBe('Ashura');
			expect(jalaliIso(next.date)).toBe(`${t.jalali.slice(0, 8)}${String(Number(t.jalali.slice(8)) + 1).padStart(2, '0')}`);
		}
	});
});

describe('municipalCalendar', () => {
	it('closes on official holidays, Fridays and, by default, Thursdays', () => {
		const cal = municipalCalendar();
		expect(isWorkingDay('2025-07-06', cal)).toBe(false); // Ashura 1404, a Sunday
		expect(isWorkingDay('2025-07-07', cal)).toBe(true);
		expect(isWorkingDay('2025-07-10', cal)).toBe(false); // Thursday
		expect(isWorkingDay('2025-07-10', municipalCalendar({ thursdayOff: false }))).toBe(true);
	});

	it('counts a deadline across 22 Bahman', () => {
		// Tuesday 2026-02-10 + 1 → Wednesday is 22 Bahman, Thu/Fri off → Saturday 2026-02-14
		expect(addWorkingDays('2026-02-10', 1, municipalCalendar())).toBe('2026-02-14');
	});

	it('adds a city’s own closures', () => {
		const cal = municipalCalendar({ extraHolidays: ['2025-07-07'] });
		expect(isWorkingDay('2025-07-07', cal)).toBe(false);
	});

	it('names the holiday of a day and says where the data ends', () => {
		expect(officialHolidayOn('2025-04-02')?.name.fa).toBe('روز طبیعت');
		expect(officialHolidayOn('2025-04-03')).toBeUndefined();
		expect(HOLIDAY_DATA_COVERS).toEqual({ from: '2025-03-21', to: '2027-03-20' }); // 1 Farvardin 1404 … 29 Esfand 1405
		expect(holidayDataCovers(HOLIDAY_DATA_COVERS.to)).toBe(true);
		expect(holidayDataCovers('2027-03-21')).toBe(false);
	});
});
