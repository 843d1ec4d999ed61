import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from './csv';

describe('parseCsv', () => {
	it('reads a header and rows', () => {
		expect(parseCsv('code,density\nR121,180\n')).toEqual([{ code: 'R121', density: '180' }]);
	});
	it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
		expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\r\n')).toEqual([{ a: 'x, y', b: 'say "hi"\nthere' }]);
	});
	it('takes a semicolon or tab delimiter from the header and drops a BOM', () => {
		expect(parseCsv('\uFEFFکد;تراکم\nR1;120')).toEqual([{ کد: 'R1', تراکم: '120' }]);
		expect(parseCsv('a\tb\n1\t2')).toEqual([{ a: '1', b: '2' }]);
	});
	it('keeps a blank line as an empty row, so row numbers match the file, and fills short rows', () => {
		expect(parseCsv('a,b\n\n1\n')).toEqual([
			{ a: '', b: '' },
			{ a: '1', b: '' }
		]);
	});
	it('refuses a row longer than the header and an unclosed quote', () => {
		expect(() => parseCsv('a\n1,2')).toThrow(CsvError);
		expect(() => parseCsv('a\n"1')).toThrow(/not closed/);
	});
});
