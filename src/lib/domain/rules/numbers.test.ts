import { describe, expect, it } from 'vitest';
import { area, metres, num, percent, readNumber, round2 } from './numbers';

describe('readNumber', () => {
	it('reads Persian digits, the Persian decimal separator and a percent sign', () => {
		expect(readNumber('۶۰٪')).toEqual({ value: 60, percent: true });
		expect(readNumber('۱۲٫۵')).toEqual({ value: 12.5, percent: false });
		expect(readNumber('٣٠ درصد')).toEqual({ value: 30, percent: true });
	});
	it('drops thousands separators', () => {
		expect(readNumber('1,250.5')?.value).toBe(1250.5);
		expect(readNumber('۱٬۲۵۰')?.value).toBe(1250);
	});
	it('refuses text that is not one number', () => {
		expect(readNumber('60 + 2')).toBeNull();
		expect(readNumber('abc')).toBeNull();
		expect(readNumber('')).toBeNull();
		expect(readNumber('0x10')).toBeNull();
	});
});

describe('formatting', () => {
	it('writes areas to 0.01 m² with Persian digits and separators in Persian', () => {
		expect(area(1234.5)).toEqual({ fa: '۱٬۲۳۴٫۵۰ م²', en: '1,234.50 m²' });
	});
	it('writes lengths and whole numbers', () => {
		expect(metres(10.5)).toEqual({ fa: '۱۰٫۵۰ متر', en: '10.50 m' });
		expect(num(3)).toEqual({ fa: '۳', en: '3' });
	});
	it('writes percentages without needless decimals', () => {
		expect(percent(60)).toEqual({ fa: '۶۰٪', en: '60%' });
		expect(percent(62.5).en).toBe('62.50%');
	});
	it('never shows a negative zero', () => {
		expect(num(-0.001, 2).en).toBe('0.00');
		expect(round2(-0.001)).toBe(0);
	});
});
