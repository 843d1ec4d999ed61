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

/**
 * The font, read and parsed once per process. Parsing the shaping tables (GSUB, GPOS) is most of
 * the cost of a small PDF, so every document shares one fontkit object; pdfkit keeps what is
 * per document (the subset, the glyph widths and text mapping) in its own wrapper.
 */
export function loadFont(name: FontName): Font {
	let font = parsed.get(name);
	if (!font) {
		font = create(fs.readFileSync(fontPath(name))) as Font;
		parsed.set(name, font);
	}
	return font;
}

/**
 * Registers every font under its name (`regular`, `bold`) on a new document. Call once per
 * document, before drawing: documents are drawn one at a time (pdfkit draws synchronously).
 */
export function registerFonts(doc: PDFKit.PDFDocument): void {
	for (const name of Object.keys(FONT_FILES) as FontName[]) {
		const font = loadFont(name);
		// fontkit caches each glyph with the code points of the call that first made it, and the
		// subset encoder makes a composite's components with none (the ح inside خ): the next
		// document would print that glyph without text. So each document starts a fresh cache.
		(font as unknown as { _glyphs: Record<number, unknown> })._glyphs = {};
		// pdfkit 0.20 takes a parsed fontkit font (anything with `layout`), though its types say otherwise.
		doc.registerFont(name, font as unknown as Buffer);
	}
}
