import type { VisualToken } from './bidi';

/**
 * The PDF's text layer: what pdftotext (poppler), search and copy-paste read back.
 *
 * pdfkit writes one ToUnicode entry per glyph, the code points fontkit reports for it, and poppler
 * rebuilds reading order from glyph positions with a heuristic of its own (TextOutputDev's
 * reorderText): it reverses runs of right-to-left characters, and keeps in visual order a run that
 * starts at a digit or Latin letter together with every neutral character (space, «:», «،») up
 * to the next Arabic letter. Four adjustments make it read Pelak's documents in reading order:
 * 1. a ligature in a right-to-left run (لا, هٔ) maps to its characters reversed, because poppler
 *    spreads them left to right over the glyph and then reverses the run;
 * 2. an invisible right-to-left mark (RLM) is drawn at the left edge of each token of an RTL line
 *    that does not begin there with an Arabic letter, so a number or Latin run ends exactly there
 *    and the space beside it stays between the words;
 * 3. an invisible left-to-right mark (LRM) ends an LTR line whose last character is neutral, so
 *    «(sample)» keeps its closing bracket at the end;
 * 4. Arabic diacritics (tanwin, shadda, harakat) have no text: poppler makes a zero-width mark a
 *    word of its own and misplaces it («ضمنا ً»), so «ضمناً» reads «ضمنا», as a search key would.
 * fontkit draws any default-ignorable character, RLM included, as the font's space glyph with no
 * advance; Pelak never draws a real space (gaps are positions), so that glyph is mapped to RLM.
 * The LRM is drawn as the hair space, which displayText() folds away from any input.
 *
 * Not carried by the text layer: ZWNJ (its two sides are drawn apart, so «می‌شود» reads «میشود»).
 */
export const RLM_HINT = '\u200f';
export const LRM_HINT = '\u200a';

const SPACE = 0x20;
const HAIR_SPACE = 0x200a;
const RLM = 0x200f;
const LRM = 0x200e;
const MARK = /\p{M}/u;
const ARABIC_LETTER = /(?=\p{Script=Arabic})\p{L}/u;
// Harakat, tanwin, shadda, hamza above: Script=Inherited, so named by block.
const ARABIC_MARK = /(?=[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff])\p{Mn}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * True when poppler would carry a number or Latin run past this token's left edge. Not for a
 * mirrored bracket: it is drawn flipped, poppler keeps a flipped glyph as a word of its own, and a
 * mark at the same x would overlap it and split the line.
 */
export function needsRtlHint(token: VisualToken): boolean {
	if (token.mirrored) return false;
	const left = [...token.visual].find((ch) => !MARK.test(ch));
	return left !== undefined && !ARABIC_LETTER.test(left);
}

/** True when an LTR line ending with this token needs an LRM after it. */
export function needsLtrHint(last: VisualToken | undefined): boolean {
	const right = last ? [...last.visual].at(-1) : undefined;
	return right !== undefined && !LETTER_OR_DIGIT.test(right);
}

interface EmbeddedFontInternals {
	unicode?: number[][];
	widths?: number[];
}

function readingOrderUnicode(codePoints: number[]): number[] {
	if (codePoints.length === 1 && codePoints[0] === SPACE) return [RLM];
	if (codePoints.length === 1 && codePoints[0] === HAIR_SPACE) return [LRM];
	if (codePoints.length === 1 && ARABIC_MARK.test(String.fromCodePoint(codePoints[0]))) return [];
	if (codePoints.length > 1 && ARABIC_LETTER.test(String.fromCodePoint(codePoints[0]))) {
		return [...codePoints].reverse();
	}
	return codePoints;
}

/**
 * Rewrites the ToUnicode entries of every embedded font as described above. Call once, after the
 * last text is drawn and before `doc.end()`. Reads pdfkit's internal `_fontFamilies`, `unicode`
 * and `widths` (pdfkit 0.20); the pdftotext tests fail if a pdfkit upgrade moves them.
 */
export function finishTextLayer(doc: PDFKit.PDFDocument): void {
	const families = (doc as unknown as { _fontFamilies: Record<string, EmbeddedFontInternals> })._fontFamilies;
	// A font is listed under its registered name and its PostScript name: rewrite each once.
	for (const font of new Set(Object.values(families))) {
		const unicode = font.unicode;
		if (!unicode) continue; // a standard (non-embedded) font
		unicode.forEach((codePoints, gid) => {
			unicode[gid] = readingOrderUnicode(codePoints);
			// The RLM is drawn with no advance but would be given the space glyph's width, and
			// overlap the glyph beside it; it is always drawn on its own, so nothing follows it.
			if (unicode[gid][0] === RLM && font.widths) font.widths[gid] = 0;
		});
	}
}
