import { describe, expect, it } from 'vitest';
import { BLACKOUT_PERIODS } from './blackout-calendar';
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
});
