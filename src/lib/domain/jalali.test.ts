import { describe, expect, it } from 'vitest';
import { formatJalali, fromJalali, jalaliIso, toJalali } from './jalali';

describe('Jalali dates', () => {
	it('puts 1 Farvardin 1404 on 2025-03-21 and 1405 on 2026-03-21', () => {
		expect(toJalali('2025-03-21')).toEqual({ year: 1404, month: 1, day: 1 });
		expect(fromJalali({ year: 1405, month: 1, day: 1 })).toBe('2026-03-21');
	});

	it('knows 1403 is a leap year (30 Esfand) and 1404 is not', () => {
		expect(jalaliIso('2025-03-20')).toBe('1403-12-30');
		expect(() => fromJalali({ year: 1404, month: 12, day: 30 })).toThrow(RangeError);
	});

	it('formats in Persian digits and month names, or in English', () => {
		expect(formatJalali('2025-06-04', 'fa')).toBe('۱۴ خرداد ۱۴۰۴');
		expect(formatJalali('2025-06-04', 'en')).toBe('14 Khordad 1404');
	});
});
