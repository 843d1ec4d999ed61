import { describe, expect, it } from 'vitest';
import { addDays, dateInputText, parseDateInput, tehranToday } from './date-input';

describe('parseDateInput', () => {
	it('reads a Jalali date in Persian or Latin digits', () => {
		expect(parseDateInput('۱۴۰۵/۰۹/۱۰')).toBe('2026-12-01');
		expect(parseDateInput('1405-9-10')).toBe('2026-12-01');
		expect(parseDateInput('1404/01/01')).toBe('2025-03-21');
	});

	it('reads an ISO date', () => {
		expect(parseDateInput('2026-12-01')).toBe('2026-12-01');
	});

	it('refuses days the month does not have, in either calendar', () => {
		expect(parseDateInput('1405/07/31')).toBeNull(); // Mehr has 30 days
		expect(parseDateInput('2026-02-30')).toBeNull();
		expect(parseDateInput('tomorrow')).toBeNull();
		expect(parseDateInput('')).toBeNull();
	});
});

describe('dateInputText', () => {
	it('shows Jalali in Persian digits in Persian and ISO in English', () => {
		expect(dateInputText('2026-12-01', 'fa')).toBe('۱۴۰۵/۰۹/۱۰');
		expect(dateInputText('2026-12-01', 'en')).toBe('2026-12-01');
		expect(parseDateInput(dateInputText('2027-03-20', 'fa'))).toBe('2027-03-20');
	});
});

describe('tehranToday and addDays', () => {
	it('counts the day in Iran, which starts three and a half hours before UTC\'s', () => {
		expect(tehranToday(new Date('2026-11-30T20:29:00Z'))).toBe('2026-11-30');
		expect(tehranToday(new Date('2026-11-30T20:31:00Z'))).toBe('2026-12-01');
		expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
	});
});
