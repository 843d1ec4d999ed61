import { describe, expect, it } from 'vitest';
import {
	addWorkingDays,
	dueDate,
	isOverdue,
	isWorkingDay,
	previousWorkingDay,
	receivedOn,
	tehranDate,
	workingCalendar,
	workingDaysBetween,
	workingDaysLeft
} from './working-days';

// Nowruz 1404 and the year end 1404/1405, as in the official calendar data.
const holidays = [
	'2025-03-21', '2025-03-22', '2025-03-23', '2025-03-24', // 1–4 Farvardin 1404
	'2025-06-04', '2025-06-05', '2025-06-06', // 14–16 Khordad 1404
	'2025-07-05', '2025-07-06', // Tasua, Ashura 1404
	'2026-03-20', '2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24' // 29 Esfand 1404, Nowruz 1405
];
const cal = workingCalendar({ holidays });
const thursdayOpen = workingCalendar({ holidays, thursdayOff: false });

/** An instant given as Tehran wall-clock time (UTC+03:30). */
const tehran = (local: string) => new Date(`${local}+03:30`);

describe('isWorkingDay', () => {
	it('closes on Friday whatever the options', () => {
		expect(isWorkingDay('2025-05-02', cal)).toBe(false);
		expect(isWorkingDay('2025-05-02', thursdayOpen)).toBe(false);
	});

	it('closes on Thursday by default and opens it when configured', () => {
		expect(isWorkingDay('2025-05-01', cal)).toBe(false);
		expect(isWorkingDay('2025-05-01', thursdayOpen)).toBe(true);
	});

	it('closes on holidays and opens on an ordinary Saturday', () => {
		expect(isWorkingDay('2025-03-23', cal)).toBe(false);
		expect(isWorkingDay('2025-05-03', cal)).toBe(true);
	});
});

describe('addWorkingDays', () => {
	it('jumps over Thursday, Friday and the four days of Nowruz', () => {
		// Wednesday 2025-03-19 (29 Esfand 1403) → Tuesday 5 Farvardin 1404
		expect(addWorkingDays('2025-03-19', 1, cal)).toBe('2025-03-25');
	});

	it('counts Thursday when the office opens on Thursday', () => {
		expect(addWorkingDays('2025-03-19', 1, thursdayOpen)).toBe('2025-03-20');
		expect(addWorkingDays('2025-03-19', 2, thursdayOpen)).toBe('2025-03-25');
	});

	it('crosses the year end 1404 → 1405 (29 Esfand and Nowruz)', () => {
		expect(addWorkingDays('2026-03-18', 1, cal)).toBe('2026-03-25');
		expect(addWorkingDays('2026-03-18', 1, thursdayOpen)).toBe('2026-03-19');
	});

	it('counts an ordinary week as five working days', () => {
		expect(addWorkingDays('2025-05-03', 5, cal)).toBe('2025-05-10'); // Saturday → next Saturday
	});

	it('returns the start for zero days and refuses negative or fractional days', () => {
		expect(addWorkingDays('2025-05-02', 0, cal)).toBe('2025-05-02');
		expect(() => addWorkingDays('2025-05-03', -1, cal)).toThrow(RangeError);
		expect(() => addWorkingDays('2025-05-03', 1.5, cal)).toThrow(RangeError);
	});
});

describe('workingDaysBetween', () => {
	it('is the inverse of addWorkingDays, across holidays', () => {
		for (const n of [0, 1, 3, 7, 20]) {
			expect(workingDaysBetween('2025-03-15', addWorkingDays('2025-03-15', n, cal), cal)).toBe(n);
			expect(workingDaysBetween('2026-03-10', addWorkingDays('2026-03-10', n, thursdayOpen), thursdayOpen)).toBe(n);
		}
	});

	it('is negative when the second date comes first', () => {
		expect(workingDaysBetween('2025-05-10', '2025-05-03', cal)).toBe(-5);
	});
});

describe('previousWorkingDay', () => {
	it('steps back over Nowruz and the weekend to the last working day', () => {
		expect(previousWorkingDay('2025-03-25', cal)).toBe('2025-03-19'); // 5 Farvardin 1404 → 29 Esfand 1403
		expect(previousWorkingDay('2025-05-03', cal)).toBe('2025-04-30'); // Saturday → Wednesday
		expect(previousWorkingDay('2025-05-03', thursdayOpen)).toBe('2025-05-01');
	});

	it('undoes a move to the next working day, for every working day of a year', () => {
		for (let d = '2025-03-01'; d < '2026-03-31'; d = addWorkingDays(d, 1, cal)) {
			expect(previousWorkingDay(addWorkingDays(d, 1, cal), cal)).toBe(d);
		}
	});
});

describe('dueDate', () => {
	it('counts from the same day when the step starts in office hours', () => {
		// Tuesday 2025-06-03 10:00; Wed–Fri are holidays (14–16 Khordad) → Sat 7, Sun 8, Mon 9
		expect(dueDate(tehran('2025-06-03T10:00'), 3, cal)).toBe('2025-06-09');
	});

	it('counts from the next working day when the step starts after the office closes', () => {
		expect(receivedOn(tehran('2025-06-03T15:00'), cal)).toBe('2025-06-07');
		expect(dueDate(tehran('2025-06-03T15:00'), 3, cal)).toBe('2025-06-10');
	});

	it('treats a step filed on Friday as received on the next working day', () => {
		// Friday 2025-07-04; Saturday and Sunday are Tasua and Ashura → received Monday 7 July
		expect(receivedOn(tehran('2025-07-04T09:00'), cal)).toBe('2025-07-07');
		expect(dueDate(tehran('2025-07-04T09:00'), 1, cal)).toBe('2025-07-08');
	});

	it('reads the instant in Tehran time, not UTC', () => {
		expect(tehranDate(new Date('2025-03-20T21:00:00Z'))).toBe('2025-03-21');
		// 13:50 Tehran is 10:20 UTC: still in office hours
		expect(receivedOn(new Date('2025-05-03T10:20:00Z'), cal)).toBe('2025-05-03');
	});

	it('honours a configured closing time', () => {
		const late = workingCalendar({ holidays, officeClosesAt: '16:00' });
		expect(receivedOn(tehran('2025-06-03T15:00'), late)).toBe('2025-06-03');
		expect(() => workingCalendar({ officeClosesAt: '4pm' })).toThrow(RangeError);
	});
});

describe('isOverdue', () => {
	it('is still in time during the due day in Tehran and overdue right after midnight', () => {
		expect(isOverdue('2025-06-09', tehran('2025-06-09T23:59'))).toBe(false);
		expect(isOverdue('2025-06-09', tehran('2025-06-10T00:01'))).toBe(true);
	});

	it('tells how many working days are left, negative once overdue', () => {
		expect(workingDaysLeft('2025-06-09', tehran('2025-06-03T12:00'), cal)).toBe(3);
		expect(workingDaysLeft('2025-06-09', tehran('2025-06-10T12:00'), cal)).toBe(-1);
	});
});
