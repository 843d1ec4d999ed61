import { describe, expect, it } from 'vitest';
import { billExpiresAt, billLastDay, billLastDayOf, BILL_VALID_DAYS } from './validity';

describe('bill validity', () => {
	it('lasts thirty calendar days from the day of issue in Iran', () => {
		expect(BILL_VALID_DAYS).toBe(30);
		expect(billLastDay(new Date('2026-11-20T09:00:00Z'))).toBe('2026-12-20');
	});

	it('counts from the Tehran day, not the UTC day (issued at 22:00 UTC is the next day in Iran)', () => {
		// 2026-11-20T22:00Z is 2026-11-21 01:30 in Tehran
		expect(billLastDay(new Date('2026-11-20T22:00:00Z'))).toBe('2026-12-21');
	});

	it('expires at the end of its last day in Iran, so the whole day is still in time', () => {
		const expires = billExpiresAt('2026-12-20');
		expect(expires.toISOString()).toBe('2026-12-20T20:29:59.999Z');
		expect(billLastDayOf(expires)).toBe('2026-12-20');
		expect(billLastDayOf(new Date(expires.getTime() + 1))).toBe('2026-12-21');
	});

	it('names the same last day from the stored expiry as from the issue', () => {
		const issued = new Date('2026-12-03T16:00:00Z');
		expect(billLastDayOf(billExpiresAt(billLastDay(issued)))).toBe(billLastDay(issued));
	});
});
