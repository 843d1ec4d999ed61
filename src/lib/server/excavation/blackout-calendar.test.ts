import { describe, expect, it } from 'vitest';
import { BLACKOUT_PERIODS, blackoutCalendar, nowruzBan } from './blackout-calendar';
import { jalaliIso } from '../../domain/jalali';
import { IRAN_OFFICIAL_HOLIDAYS } from '../calendar';

const DAY = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describe('the calendar bans', () => {
	it('state the same days in both calendars, each ending after it starts, codes unique', () => {
		for (const b of BLACKOUT_PERIODS) {
			expect(jalaliIso(b.from), b.code).toBe(b.jalali.from);
			expect(jalaliIso(b.until), b.code).toBe(b.jalali.until);
			expect(b.until > b.from, b.code).toBe(true);
		}
		expect(new Set(BLACKOUT_PERIODS.map((b) => b.code)).size).toBe(BLACKOUT_PERIODS.length);
	});

	it('run Nowruz bans from 15 Esfand to 15 Farvardin', () => {
		for (const b of BLACKOUT_PERIODS.filter((x) => x.code.endsWith('nowruz'))) {
			expect(b.jalali.from.slice(5)).toBe('12-15');
			expect(b.jalali.until.slice(5)).toBe('01-15');
			expect(b.estimated).toBe(false);
		}
	});

	it('put 1–13 Muharram 1448 around the published Tasua and Ashura of 1405', () => {
		const muharram = BLACKOUT_PERIODS.find((b) => b.code === '1405-muharram')!;
		const tasua = IRAN_OFFICIAL_HOLIDAYS.find((h) => h.name.en === 'Tasua' && h.date.startsWith('2026'))!;
		expect(tasua.status).toBe('published');
		expect(addDays(muharram.from, 8)).toBe(tasua.date);
		expect(addDays(muharram.from, 12)).toBe(muharram.until);
		expect(BLACKOUT_PERIODS.find((b) => b.code === '1406-muharram')!.estimated).toBe(true);
	});

	it('count the Nowruz bans on past the listed years, up to the year after the day the server starts', () => {
		for (const b of BLACKOUT_PERIODS.filter((x) => x.code.endsWith('nowruz'))) expect(nowruzBan(b.jalaliYear)).toEqual(b);
		expect(blackoutCalendar(new Date('2026-11-30T05:30:00Z'))).toEqual(BLACKOUT_PERIODS);
		// 2029-03-20 22:30 UTC is already 2 Farvardin 1408 in Tehran (02:00): bans through Nowruz 1409
		const later = blackoutCalendar(new Date('2029-03-20T22:30:00Z'));
		expect(later.map((b) => b.code).slice(BLACKOUT_PERIODS.length)).toEqual(['1407-nowruz', '1408-nowruz', '1409-nowruz']);
		expect(later.at(-1)).toMatchObject({ from: '2030-03-05', until: '2030-04-04', jalali: { from: '1408-12-15', until: '1409-01-15' }, name: { fa: 'ممنوعیت حفاری نوروز ۱۴۰۹' } });
		for (const b of later) {
			expect(jalaliIso(b.from), b.code).toBe(b.jalali.from);
			expect(jalaliIso(b.until), b.code).toBe(b.jalali.until);
		}
	});
});
