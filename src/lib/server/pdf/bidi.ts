import bidiFactory, { type EmbeddingLevels } from 'bidi-js';
import { SEARCH_KEY_FOLD } from '../../domain/text';

/**
 * Persian and mixed text in visual order, for a PDF library that shapes letters but knows no
 * bidi algorithm (pdfkit over fontkit). The recipe measured in docs (permits-fees.md §E):
 * 1. break lines in logical order, by words;
 * 2. reorder each line with UAX #9 (bidi-js), mirrored brackets applied;
 * 3. cut the visual line into tokens: no spaces, one embedding level, one script;
 * 4. hand pdfkit each Arabic-script token reversed, because fontkit reverses a run whose first
 *    strong script is Arabic (Persian digits included) while it shapes it;
 * 5. draw the tokens left to right.
 * A token has no spaces, so every pdfkit code path lays it out as one run.
 */

export type Direction = 'rtl' | 'ltr';

/** One run to draw with one pdfkit call, preceded on its line by `spacesBefore` spaces. */
export interface VisualToken {
	/** What pdfkit is given: Arabic-script runs in logical order (fontkit reverses them). */
	text: string;
	/** The characters as they appear, left to right (brackets mirrored). */
	visual: string;
	spacesBefore: number;
	/** A bracket or quote the bidi algorithm mirrored: `text` is the logical character, drawn flipped. */
	mirrored?: boolean;
}

/** A line's words as [start, end) offsets into its paragraph, spaces excluded at both ends. */
export type LineRange = readonly [number, number];

const bidi = bidiFactory();

// Only the letter swaps: the search key folds more (ة→ه, ۀ→ه) than a printed document may.
const LETTERS = new Map(SEARCH_KEY_FOLD.filter(([from]) => 'يىك'.includes(from)));
const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

/**
 * Text as a Persian document prints it: Arabic yeh and kaf (from Arabic keyboards) become the
 * Persian letters, Arabic-Indic digits become Persian digits (٤٥٦ differ in shape), carriage
 * returns become line feeds, and tabs and the other spaces (thin, figure…) plain spaces; the
 * no-break space stays, to keep its words on one line.
 *
 * @example displayText('كد ملي ٤٥٦') // 'کد ملی ۴۵۶'
 */
export function displayText(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(/[\t\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
		.replace(/[يىك]/g, (ch) => LETTERS.get(ch) ?? ch)
		.replace(/[\u0660-\u0669]/g, (d) => String.fromCharCode(PERSIAN_ZERO + d.charCodeAt(0) - ARABIC_INDIC_ZERO));
}

/**
 * Greedy line breaking at spaces, in logical order. A word wider than the line on its own is cut
 * where it stops fitting, so nothing is ever lost off the edge.
 */
export function breakLines(text: string, width: number, measure: (s: string) => number): LineRange[] {
	const space = measure(' ');
	const lines: LineRange[] = [];
	let start = -1;
	let end = -1;
	let used = 0;
	for (const match of text.matchAll(/[^ ]+/g)) {
		for (const [from, to, w] of cutToWidth(text, match.index, match.index + match[0].length, width, measure)) {
			const gap = start < 0 ? 0 : space * (from - end);
			if (start >= 0 && used + gap + w > width) {
				lines.push([start, end]);
				start = -1;
			}
			if (start < 0) {
				start = from;
				used = w;
			} else {
				used += gap + w;
			}
			end = to;
		}
	}
	if (start >= 0) lines.push([start, end]);
	return lines;
}

/** The word [from, to) with its width, or its pieces when it is wider than the line. */
function cutToWidth(text: string, from: number, to: number, width: number, measure: (s: string) => number): Array<[number, number, number]> {
	const whole = measure(text.slice(from, to));
	if (whole <= width) return [[from, to, whole]];
	const next = (i: number) => i + (text.codePointAt(i)! > 0xffff ? 2 : 1);
	const pieces: Array<[number, number, number]> = [];
	let start = from;
	while (start < to) {
		let end = next(start);
		while (end < to && measure(text.slice(start, next(end))) <= width) end = next(end);
		pieces.push([start, end, measure(text.slice(start, end))]);
		start = end;
	}
	return pieces;
}

type ScriptClass = 'arabic' | 'other' | 'neutral';

const ARABIC = /\p{Script=Arabic}/u;
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}\p{Cn}]/u;
const GAP = /[ \u00a0]/;
const ZWNJ = '\u200c';
// Direction marks and embeddings have done their work in the levels; ZWJ, soft hyphens and the
// like would reach fontkit, which draws them as its space glyph (see text-layer.ts).
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;

// Mirrors fontkit's Script.forString: Common and Inherited characters do not decide the script.
function scriptClass(ch: string): ScriptClass {
	if (ARABIC.test(ch)) return 'arabic';
	return NEUTRAL.test(ch) ? 'neutral' : 'other';
}

interface TokenBuilder {
	chars: string[];
	level: number;
	script: ScriptClass;
	spacesBefore: number;
}

function finish(token: TokenBuilder): VisualToken {
	const visual = token.chars.join('');
	const text = token.script === 'arabic' ? token.chars.reverse().join('') : visual;
	return { text, visual, spacesBefore: token.spacesBefore };
}

/**
 * The tokens of one line of a bidi paragraph, left to right. `levels` come from the whole
 * paragraph (UAX #9 resolves levels per paragraph and reorders per line). A ZWNJ ends a token
 * without a gap: drawn apart, the letters on either side take their unjoined forms.
 */
export function visualTokens(paragraph: string, levels: EmbeddingLevels, [start, end]: LineRange): VisualToken[] {
	if (end <= start) return [];
	// bidi-js returns the whole paragraph's indices with only this line's span reordered.
	const order = bidi.getReorderedIndices(paragraph, levels, start, end - 1).slice(start, end);
	const mirrored = bidi.getMirroredCharactersMap(paragraph, levels.levels, start, end - 1);
	const tokens: VisualToken[] = [];
	let current: TokenBuilder | null = null;
	let spaces = 0;
	const flush = () => {
		if (current) tokens.push(finish(current));
		current = null;
	};
	for (const i of order) {
		const ch = paragraph[i];
		if (GAP.test(ch) || ch === ZWNJ) {
			flush();
			if (ch !== ZWNJ) spaces++;
			continue;
		}
		if (IGNORABLE.test(ch)) continue;
		if (mirrored.has(i)) {
			// Drawn on its own, flipped, so its text layer keeps the logical character.
			flush();
			tokens.push({ text: ch, visual: mirrored.get(i)!, spacesBefore: spaces, mirrored: true });
			spaces = 0;
			continue;
		}
		const level = levels.levels[i];
		const script = scriptClass(ch);
		const clash = current && script !== 'neutral' && current.script !== 'neutral' && script !== current.script;
		if (current && (current.level !== level || clash)) flush();
		if (!current) {
			current = { chars: [], level, script: 'neutral', spacesBefore: spaces };
			spaces = 0;
		}
		current.chars.push(ch);
		if (current.script === 'neutral') current.script = script;
	}
	flush();
	return tokens;
}

/**
 * A paragraph laid out in lines of visual tokens. Line feeds start new paragraphs; an empty one
 * keeps its blank line.
 *
 * @example paragraphLines('پلاک ۵۶/۷۸', 'rtl', 500, measure) // [[{ text: '۸۷/۶۵', visual: '۵۶/۷۸', … }, { text: 'پلاک', visual: 'کالپ', spacesBefore: 1 }]]
 */
export function paragraphLines(text: string, direction: Direction, width: number, measure: (s: string) => number): VisualToken[][] {
	const lines: VisualToken[][] = [];
	for (const paragraph of displayText(text).split('\n')) {
		const ranges = breakLines(paragraph, width, measure);
		if (ranges.length === 0) {
			lines.push([]);
			continue;
		}
		const levels = bidi.getEmbeddingLevels(paragraph, direction);
		for (const range of ranges) lines.push(visualTokens(paragraph, levels, range));
	}
	return lines;
}
