import { create, type Font } from 'fontkit';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Vazirmatn, read from the `vazirmatn` package in node_modules at run time. The TTF is never
 * bundled: the built server (build/) finds it the way Node finds any dependency, walking up from
 * this module to the node_modules beside the build; the working directory is the fallback.
 */
export const FONT_FILES = {
	regular: 'Vazirmatn-Regular.ttf',
	bold: 'Vazirmatn-Bold.ttf'
} as const;

export type FontName = keyof typeof FONT_FILES;

const PACKAGE_DIR = 'vazirmatn/fonts/ttf';
const parsed = new Map<FontName, Font>();

function candidatePaths(file: string): string[] {
	const paths: string[] = [];
	try {
		paths.push(createRequire(import.meta.url).resolve(`${PACKAGE_DIR}/${file}`));
	} catch {
		// Not resolvable from here (an unusual bundle layout): try the working directory below.
	}
	paths.push(path.resolve(process.cwd(), 'node_modules', PACKAGE_DIR, file));
	return paths;
}

/** The font file's absolute path; throws a bilingual error naming the package when it is missing. */
export function fontPath(name: FontName): string {
	const file = FONT_FILES[name];
	const found = candidatePaths(file).find((p) => fs.existsSync(p));
	if (!found) {
		throw new Error(
			`قلم ${file} پیدا نشد؛ بستهٔ vazirmatn را نصب کنید. / Font ${file} not found: install the vazirmatn package.`
		);
	}
	return found;
}

/** How many shaped words each font keeps; past it the cache starts afresh (a few MB at most). */
export const SHAPED_RUNS_LIMIT = 20_000;
/** How many glyph objects each font keeps (one per glyph and spelling; text in scripts the font lacks adds one per character). */
const GLYPHS_LIMIT = 50_000;

/** The parts of fontkit 2.0 (TTF) and pdfkit 0.20 internals the caches below rely on. */
interface FontkitGlyph {
	id: number;
	codePoints: number[];
	advanceWidth: number;
	_decode(): { numberOfContours: number; components?: Array<{ glyphID: number; pos: number }> } | null;
	_getMetrics(): { leftBearing: number };
}
interface FontkitInternals {
	getGlyph(id: number, codePoints?: number[]): FontkitGlyph;
	createSubset(): TtfSubset;
	loca: { offsets: number[] };
	_getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
	_variationProcessor?: unknown;
	directory: { tables: Record<string, unknown> };
}
interface TtfSubset {
	font: FontkitInternals;
	glyf: Uint8Array[];
	loca: { offsets: number[] };
	hmtx: { metrics: Array<{ advance: number; bearing: number }> };
	offset: number;
	includeGlyph(id: number): number;
	_addGlyph(id: number): number;
}
interface ShapedRun {
	glyphs: FontkitGlyph[];
	positions: object[];
	advanceWidth: number;
}
interface PdfkitEmbeddedFont {
	font: unknown;
	layoutRun(text: string): ShapedRun;
	layoutCached(text: string): ShapedRun;
}

/** A glyph's outline as the subset copies it, read from the font once. */
interface GlyphData {
	bytes: Uint8Array;
	/** A composite's parts: the glyph ids and where each is written in `bytes`. */
	components: Array<{ glyphID: number; pos: number }> | null;
	advance: number;
	bearing: number;
}

interface FontCaches {
	runs: Map<string, ShapedRun>;
}
const caches = new WeakMap<object, FontCaches>();

/**
 * fontkit keeps one glyph object per glyph id, with the code points of whichever call made it
 * first, and pdfkit writes those code points into the text layer. Shared by every document,
 * that would let one document decide another's text: the subset encoder makes a composite's parts
 * with no code points (the ح inside خ), and a glyph has several spellings (ۀ and هٔ, presentation
 * forms). So glyph objects are kept per id *and* code points: shaping gives the same glyphs, with
 * the same text, whatever was drawn before.
 */
function glyphsByCodePoints(font: FontkitInternals): void {
	const firstOfId = font.getGlyph.bind(font);
	const glyphs = new Map<string, FontkitGlyph>();
	font.getGlyph = (id: number, codePoints: number[] = []) => {
		const key = `${id}:${codePoints.join(',')}`;
		let glyph = glyphs.get(key);
		if (!glyph) {
			// Shaped runs keep the glyphs they hold; a new object for the same key is the same glyph.
			if (glyphs.size >= GLYPHS_LIMIT) glyphs.clear();
			const any = firstOfId(id);
			const Glyph = any.constructor as new (id: number, codePoints: number[], font: unknown) => FontkitGlyph;
			glyph = new Glyph(id, codePoints, font);
			glyphs.set(key, glyph);
		}
		return glyph;
	};
}

/**
 * The subset encoder decodes every glyph's outline anew for every document, only to find a
 * composite's parts. Reads each glyph once and copies its bytes after that (the same bytes: the
 * part ids are renumbered in a copy, as fontkit does).
 */
function subsetFromGlyphData(font: FontkitInternals): void {
	if (font._variationProcessor || !font.directory.tables.glyf) return;
	const data = new Map<number, GlyphData>();
	const read = (gid: number): GlyphData => {
		const glyph = font.getGlyph(gid);
		const glyf = glyph._decode();
		const stream = font._getTableStream('glyf');
		stream.pos += font.loca.offsets[gid];
		const bytes = stream.readBuffer(font.loca.offsets[gid + 1] - font.loca.offsets[gid]);
		const components = glyf && glyf.numberOfContours < 0 ? glyf.components!.map(({ glyphID, pos }) => ({ glyphID, pos })) : null;
		return { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
	};
	const createSubset = font.createSubset.bind(font);
	font.createSubset = () => {
		const subset = createSubset();
		subset._addGlyph = function (this: TtfSubset, gid: number): number {
			let glyph = data.get(gid);
			if (!glyph) data.set(gid, (glyph = read(gid)));
			let bytes = glyph.bytes;
			if (glyph.components) {
				bytes = new Uint8Array(bytes);
				const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
				for (const part of glyph.components) view.setUint16(part.pos, this.includeGlyph(part.glyphID));
			}
			this.glyf.push(bytes);
			this.loca.offsets.push(this.offset);
			this.hmtx.metrics.push({ advance: glyph.advance, bearing: glyph.bearing });
			this.offset += bytes.length;
			return this.glyf.length - 1;
		};
		return subset;
	};
}

/**
 * The font, read and parsed once per process, with the caches above. Parsing the shaping tables
 * (GSUB, GPOS) is most of the cost of a first PDF, and shaping each word most of the cost of the
 * next ones, so every document shares one fontkit object and its shaped words; pdfkit keeps what
 * is per document (the subset, the glyph widths and text mapping) in its own wrapper.
 */
export function loadFont(name: FontName): Font {
	let font = parsed.get(name);
	if (!font) {
		font = create(fs.readFileSync(fontPath(name))) as Font;
		const internals = font as unknown as FontkitInternals;
		glyphsByCodePoints(internals);
		subsetFromGlyphData(internals);
		caches.set(font, { runs: new Map() });
		parsed.set(name, font);
	}
	return font;
}

/**
 * pdfkit shapes each word once per document (its `layoutCache`); this keeps the shaped words of
 * every document instead. A shaped run is the same for any document: glyphs (per code points,
 * see above) and positions in thousandths of an em, which pdfkit only reads after shaping.
 */
function shareShapedRuns(embedded: PdfkitEmbeddedFont): void {
	const { runs } = caches.get(embedded.font as object)!;
	embedded.layoutCached = (text: string) => {
		let run = runs.get(text);
		if (!run) {
			if (runs.size >= SHAPED_RUNS_LIMIT) runs.clear();
			run = embedded.layoutRun(text);
			runs.set(text, run);
		}
		return run;
	};
}

/**
 * Registers every font under its name (`regular`, `bold`) on a new document. Call once per
 * document, before drawing: documents are drawn one at a time (pdfkit draws synchronously).
 */
export function registerFonts(doc: PDFKit.PDFDocument): void {
	// Selecting a font makes pdfkit's wrapper for it (a font never drawn is not embedded) and names
	// it F1, F2… in turn: bold first, as every document's header draws it first.
	for (const name of ['bold', 'regular'] as const satisfies readonly FontName[]) {
		// pdfkit 0.20 takes a parsed fontkit font (anything with `layout`), though its types say otherwise.
		doc.registerFont(name, loadFont(name) as unknown as Buffer);
		doc.font(name);
		shareShapedRuns((doc as unknown as { _font: PdfkitEmbeddedFont })._font);
	}
}
