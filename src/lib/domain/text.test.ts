import { describe, expect, it } from 'vitest';
import { compareCodes, digitsOnly, normaliseText, searchKey, searchWords, toLatinDigits, toPersianDigits } from './text';

describe('toLatinDigits', () => {
	it('turns Persian and Arabic-Indic digits into ASCII', () => {
		expect(toLatinDigits('۱۲۳۴/۵۶')).toBe('1234/56');
		expect(toLatinDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
	});
	it('keeps letters and ASCII digits', () => {
		expect(toLatinDigits('پلاک 12')).toBe('پلاک 12');
	});
});

describe('toPersianDigits', () => {
	it('turns ASCII digits into Persian ones', () => {
		expect(toPersianDigits('81465-12345')).toBe('۸۱۴۶۵-۱۲۳۴۵');
	});
});

describe('searchKey', () => {
	it('folds Arabic yeh and kaf to Persian', () => {
		expect(searchKey('كوي')).toBe('کوی');
	});
	it('ignores the difference between a ZWNJ, a space and no space', () => {
		const joined = searchKey('میدان‌امام');
		expect(searchKey('میدان امام')).toBe(joined);
		expect(searchKey('میدانامام')).toBe(joined);
	});
	it('ignores separators, diacritics and tatweel', () => {
		expect(searchKey('خیابانِ  چهـارباغ، کوچه ۱۲')).toBe(searchKey('خیابان چهارباغ کوچه 12'));
	});
	it('lower-cases Latin letters', () => {
		expect(searchKey('Chaharbagh St.')).toBe('chaharbaghst');
	});
	it('keeps different words different', () => {
		expect(searchKey('کوچه ۱۲')).not.toBe(searchKey('کوچه ۱۳'));
	});
});

describe('searchWords', () => {
	it('splits at spaces, ZWNJs and separators and normalises each word', () => {
		expect(searchWords('چهارباغ‌عباسي، كوچهٔ ۱۲')).toEqual(['چهارباغ', 'عباسی', 'کوچه', '12']);
	});
	it('gives no word for separators alone', () => {
		expect(searchWords(' ، - ')).toEqual([]);
	});
});

describe('digitsOnly', () => {
	it('reads a postal code typed with a dash and Persian digits', () => {
		expect(digitsOnly('۸۱۴۶۵-۱۲۳۴۵')).toBe('8146512345');
	});
});

describe('normaliseText', () => {
	it('turns Persian and Arabic digits into Latin ones and Arabic yeh/kaf into Persian', () => {
		expect(normaliseText(' خيابان كاوه ۱۲ و ٣٤ ')).toBe('خیابان کاوه 12 و 34');
	});
	it('keeps the zero-width non-joiner inside words', () => {
		expect(normaliseText('می‌شود')).toBe('می‌شود');
	});
});

describe('compareCodes', () => {
	it('orders the numbers in codes by value, Persian digits as Latin', () => {
		expect(['10', '2', '1', '15', '3'].sort(compareCodes)).toEqual(['1', '2', '3', '10', '15']);
		expect(['D10', 'D2', 'C1'].sort(compareCodes)).toEqual(['C1', 'D2', 'D10']);
		expect(['۱۰', '2', '۳'].sort(compareCodes)).toEqual(['2', '۳', '۱۰']);
	});
});
