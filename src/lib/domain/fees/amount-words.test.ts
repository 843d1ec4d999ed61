import { describe, expect, it } from 'vitest';
import { numberInWords, rialsInWords } from './amount-words';

describe('an amount in words', () => {
	it('writes Persian amounts as a receipt does, groups joined with «و»', () => {
		expect(rialsInWords(350_000, 'fa')).toBe('سیصد و پنجاه هزار ریال');
		expect(numberInWords(0, 'fa')).toBe('صفر');
		expect(numberInWords(1_000, 'fa')).toBe('هزار');
		expect(numberInWords(1_001, 'fa')).toBe('هزار و یک');
		expect(numberInWords(1_000_000, 'fa')).toBe('یک میلیون');
		expect(numberInWords(12_019, 'fa')).toBe('دوازده هزار و نوزده');
		expect(numberInWords(202_500_000, 'fa')).toBe('دویست و دو میلیون و پانصد هزار');
		expect(numberInWords(1_250_000_000, 'fa')).toBe('یک میلیارد و دویست و پنجاه میلیون');
		expect(numberInWords(7_000_000_000_000, 'fa')).toBe('هفت تریلیون');
	});

	it('writes English amounts in English words', () => {
		expect(rialsInWords(350_000, 'en')).toBe('three hundred fifty thousand rials');
		expect(numberInWords(202_500_021, 'en')).toBe('two hundred two million five hundred thousand twenty-one');
		expect(numberInWords(1_000, 'en')).toBe('one thousand');
		expect(rialsInWords(1, 'en')).toBe('one rial');
	});

	it('refuses what is not a whole amount', () => {
		expect(() => numberInWords(-1, 'fa')).toThrow(RangeError);
		expect(() => numberInWords(1.5, 'en')).toThrow(RangeError);
		expect(numberInWords(Number.MAX_SAFE_INTEGER, 'en')).toMatch(/^nine quadrillion seven trillion/);
	});
});
