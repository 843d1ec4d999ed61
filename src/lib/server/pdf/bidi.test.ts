import { describe, expect, it } from 'vitest';
import { breakLines, displayText, paragraphLines, type VisualToken } from './bidi';

// One unit per character: enough to test breaking and ordering without a font.
const byLength = (s: string) => s.length;

function line(text: string, direction: 'rtl' | 'ltr' = 'rtl'): VisualToken[] {
	const lines = paragraphLines(text, direction, 1000, byLength);
	expect(lines).toHaveLength(1);
	return lines[0];
}

const visual = (tokens: VisualToken[]) => tokens.map((t) => t.visual);
const drawn = (tokens: VisualToken[]) => tokens.map((t) => t.text);

describe('displayText', () => {
	it('prints Arabic yeh, kaf and Arabic-Indic digits in their Persian forms', () => {
		expect(displayText('كد ملي ٤٥٦')).toBe('کد ملی ۴۵۶');
	});
	it('keeps the ZWNJ and the no-break space, and folds other spaces and line ends', () => {
		expect(displayText('می\u200cشود\u00a0۱\u2009۲\t۳\r\n۴')).toBe('می\u200cشود\u00a0۱ ۲ ۳\n۴');
	});
});

describe('paragraphLines: visual order', () => {
	it('puts a Persian line right to left with its number left to right', () => {
		const tokens = line('پلاک ۵۶/۷۸');
		expect(visual(tokens)).toEqual(['۵۶/۷۸', 'کالپ']);
		// fontkit reverses any run whose script is Arabic, Persian digits included, so each is handed over reversed.
		expect(drawn(tokens)).toEqual(['۸۷/۶۵', 'پلاک']);
	});

	it('keeps a Latin code and a Jalali date whole inside Persian text', () => {
		expect(visual(line('تاریخ ۱۴۰۵/۰۳/۱۵ کد ABC-12 است.'))).toEqual(['.تسا', 'ABC-12', 'دک', '۱۴۰۵/۰۳/۱۵', 'خیرات']);
	});

	it('groups an amount with its separators and leaves the word order right to left', () => {
		expect(visual(line('مبلغ ۱۲٬۳۴۵٬۰۰۰ ریال'))).toEqual(['لایر', '۱۲٬۳۴۵٬۰۰۰', 'غلبم']);
	});

	it('mirrors brackets and quotes, drawing the logical character flipped', () => {
		const tokens = line('«پلاک» (۱۲۰٪ تراکم)');
		expect(visual(tokens)).toEqual(['(', 'مکارت', '٪', '۱۲۰', ')', '«', 'کالپ', '»']);
		expect(tokens.filter((t) => t.mirrored).map((t) => t.text)).toEqual([')', '(', '»', '«']);
	});

	it('places the percent sign as UAX #9 does after Persian letters: left of the number', () => {
		expect(visual(line('تراکم ۱۲۰٪'))).toEqual(['٪', '۱۲۰', 'مکارت']);
	});

	it('splits a word at its ZWNJ with no gap, so each side keeps its unjoined form', () => {
		const tokens = line('می‌شود');
		expect(drawn(tokens)).toEqual(['شود', 'می']);
		expect(tokens.map((t) => t.spacesBefore)).toEqual([0, 0]);
	});

	it('drops direction marks once they have set the levels', () => {
		expect(drawn(line('\u200fABC\u200e پلاک')).join('')).not.toMatch(/[\u200e\u200f]/);
	});

	it('keeps an English line left to right, with a Persian number inside it', () => {
		const tokens = line('Verify (sample) ۵۶/۷۸', 'ltr');
		expect(visual(tokens)).toEqual(['Verify', '(sample)', '۵۶/۷۸']);
		expect(tokens.some((t) => t.mirrored)).toBe(false);
	});

	it('counts the spaces before each token', () => {
		expect(line('الف  ب').map((t) => t.spacesBefore)).toEqual([0, 2]);
	});
});

describe('breakLines', () => {
	it('breaks at spaces so no line is wider than the box', () => {
		const text = 'aaaa bb ccc d';
		const lines = breakLines(text, 7, byLength);
		expect(lines.map(([a, b]) => text.slice(a, b))).toEqual(['aaaa bb', 'ccc d']);
	});

	it('cuts a word longer than the line instead of letting it run off the edge', () => {
		const text = 'ab cccccccccc';
		expect(breakLines(text, 4, byLength).map(([a, b]) => text.slice(a, b))).toEqual(['ab', 'cccc', 'cccc', 'cc']);
	});

	it('keeps the words of a wrapped Persian paragraph, line by line in reading order', () => {
		const words = 'این پروانه برای پلاک ۵۶/۷۸ با کد ABC-12 در تاریخ ۱۴۰۵/۰۳/۱۵ صادر شده است'.split(' ');
		const lines = paragraphLines(words.join(' '), 'rtl', 20, byLength);
		expect(lines.length).toBeGreaterThan(3);
		// Each visual line read right to left gives its words back in order: a Persian word as
		// handed to fontkit (logical order), a number or code as it appears.
		const word = (t: VisualToken) => (/(?=\p{Script=Arabic})\p{L}/u.test(t.text) ? t.text : t.visual);
		const read = lines.flatMap((tokens) => [...tokens].reverse().map(word));
		expect(read).toEqual(words);
	});

	it('keeps an empty line as a blank line', () => {
		expect(paragraphLines('الف\n\nب', 'rtl', 100, byLength)).toHaveLength(3);
	});
});
