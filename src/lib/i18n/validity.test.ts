import { describe, expect, it } from 'vitest';
import { validityMessage, type CheckedControl } from './validity';

const state = (flags: Partial<Record<keyof ValidityState, boolean>>): ValidityState =>
	({ valueMissing: false, typeMismatch: false, patternMismatch: false, tooLong: false, tooShort: false, rangeUnderflow: false, rangeOverflow: false, stepMismatch: false, badInput: false, customError: false, valid: false, ...flags }) as ValidityState;
const control = (type: string, flags: Partial<Record<keyof ValidityState, boolean>>, more: Partial<CheckedControl> = {}): CheckedControl => ({ type, validity: state(flags), ...more });

describe('validityMessage', () => {
	it('asks for a file in Persian, not «Please select a file.»', () => {
		expect(validityMessage(control('file', { valueMissing: true }), 'fa')).toBe('یک فایل برگزینید.');
		expect(validityMessage(control('file', { valueMissing: true }, { multiple: true }), 'fa')).toBe('دست‌کم یک فایل برگزینید.');
		expect(validityMessage(control('file', { valueMissing: true }), 'en')).toBe('Choose a file.');
	});
	it('names what is missing by the kind of control', () => {
		expect(validityMessage(control('text', { valueMissing: true }), 'fa')).toBe('این خانه را پر کنید.');
		expect(validityMessage(control('radio', { valueMissing: true }), 'fa')).toBe('یکی از گزینه‌ها را برگزینید.');
		expect(validityMessage(control('select-one', { valueMissing: true }), 'fa')).toBe('یکی از گزینه‌ها را برگزینید.');
		expect(validityMessage(control('checkbox', { valueMissing: true }), 'fa')).toBe('برای ادامه این گزینه را بزنید.');
	});
	it('gives lengths and bounds in the reader’s digits', () => {
		expect(validityMessage(control('text', { tooShort: true }, { minLength: 10 }), 'fa')).toBe('دست‌کم ۱۰ نویسه بنویسید.');
		expect(validityMessage(control('number', { rangeOverflow: true }, { max: '99' }), 'fa')).toBe('بیشتر از ۹۹ نباشد.');
		expect(validityMessage(control('number', { rangeUnderflow: true }, { min: '1' }), 'en')).toBe('Not less than 1.');
	});
	it('says nothing of a valid control', () => {
		expect(validityMessage(control('text', { valid: true }), 'fa')).toBeNull();
	});
});
