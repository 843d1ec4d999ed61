import { paragraphLines, type Direction, type VisualToken } from './bidi';
import type { FontName } from './fonts';
import { LRM_HINT, RLM_HINT, needsLtrHint, needsRtlHint } from './text-layer';

/** How a run of text looks. Font names are those `registerFonts` gives the document. */
export interface TextStyle {
	font: FontName;
	size: number;
	color?: string;
}

export interface ParagraphStyle extends TextStyle {
	/** The paragraph's base direction; Persian is 'rtl' (the default), English 'ltr'. */
	direction?: Direction;
	/** 'start' is the right edge in RTL and the left edge in LTR. */
	align?: 'start' | 'end' | 'center';
	/** A multiple of the font's own line height (Vazirmatn's is 1.5625 em). */
	lineSpacing?: number;
}

/** A token placed on its line: `x` from the left edge of the paragraph's box. */
export interface PlacedToken {
	token: VisualToken;
	x: number;
	width: number;
}

export interface PlacedLine {
	direction: Direction;
	tokens: PlacedToken[];
}

export interface ParagraphLayout {
	lines: PlacedLine[];
	lineHeight: number;
	height: number;
}

function useStyle(doc: PDFKit.PDFDocument, style: TextStyle): void {
	doc.font(style.font).fontSize(style.size);
}

/** How many laid-out paragraphs are kept; past it the cache starts afresh. */
export const LAYOUTS_LIMIT = 5_000;
const layouts = new Map<string, ParagraphLayout>();

/**
 * Breaks and orders a paragraph for a box `width` points wide, without drawing it. A layout
 * depends only on the text, the box width and the style (every document has the same fonts), so
 * the labels, headings and footers each document repeats are laid out once per process; a
 * layout is read, never changed, by whoever draws it.
 */
export function layoutParagraph(doc: PDFKit.PDFDocument, text: string, width: number, style: ParagraphStyle): ParagraphLayout {
	const key = [style.font, style.size, style.direction, style.align, style.lineSpacing, width, text].join('\u0000');
	let layout = layouts.get(key);
	if (!layout) {
		if (layouts.size >= LAYOUTS_LIMIT) layouts.clear();
		layout = measureParagraph(doc, text, width, style);
		layouts.set(key, layout);
	}
	return layout;
}

function measureParagraph(doc: PDFKit.PDFDocument, text: string, width: number, style: ParagraphStyle): ParagraphLayout {
	useStyle(doc, style);
	const direction = style.direction ?? 'rtl';
	const align = style.align ?? 'start';
	const measure = (s: string) => doc.widthOfString(s);
	const space = measure(' ');
	const flushRight = (direction === 'rtl') === (align === 'start');
	const lines = paragraphLines(text, direction, width, measure).map((tokens): PlacedLine => {
		let x = 0;
		const placed = tokens.map((token) => {
			x += token.spacesBefore * space;
			const at = { token, x, width: measure(token.text) };
			x += at.width;
			return at;
		});
		const shift = align === 'center' ? (width - x) / 2 : flushRight ? width - x : 0;
		for (const p of placed) p.x += shift;
		return { direction, tokens: placed };
	});
	const lineHeight = doc.currentLineHeight() * (style.lineSpacing ?? 1);
	return { lines, lineHeight, height: lines.length * lineHeight };
}

function drawToken(doc: PDFKit.PDFDocument, { token, x, width }: PlacedToken, y: number): void {
	if (!token.mirrored) {
		doc.text(token.text, x, y, { lineBreak: false });
		return;
	}
	// The logical bracket, flipped about its own centre, looks like its mirror image and still
	// reads as itself in the text layer.
	doc.save();
	doc.transform(-1, 0, 0, 1, 2 * x + width, 0);
	doc.text(token.text, x, y, { lineBreak: false });
	doc.restore();
}

/** Draws one laid-out line with its top at `y`, the paragraph's box starting at `x`. */
export function drawLine(doc: PDFKit.PDFDocument, line: PlacedLine, x: number, y: number, style: TextStyle): void {
	useStyle(doc, style);
	doc.fillColor(style.color ?? 'black');
	for (const placed of line.tokens) {
		const at = { ...placed, x: x + placed.x };
		if (line.direction === 'rtl' && needsRtlHint(placed.token)) doc.text(RLM_HINT, at.x, y, { lineBreak: false });
		drawToken(doc, at, y);
	}
	const last = line.tokens.at(-1);
	if (line.direction === 'ltr' && last && needsLtrHint(last.token)) {
		doc.text(LRM_HINT, x + last.x + last.width, y, { lineBreak: false });
	}
}

/**
 * Draws a paragraph (Persian by default, or English with `direction: 'ltr'`) in a box whose top
 * left corner is (`x`, `y`), wrapping at `width`. Returns the height used.
 *
 * @example drawParagraph(doc, 'پروانهٔ شمارهٔ ۱۲۳۴ — پلاک ۵۶/۷۸', 40, 100, 515, { font: 'regular', size: 11 })
 */
export function drawParagraph(
	doc: PDFKit.PDFDocument,
	text: string,
	x: number,
	y: number,
	width: number,
	style: ParagraphStyle
): number {
	const layout = layoutParagraph(doc, text, width, style);
	layout.lines.forEach((line, i) => drawLine(doc, line, x, y + i * layout.lineHeight, style));
	return layout.height;
}
