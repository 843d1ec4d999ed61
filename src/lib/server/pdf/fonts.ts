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
const loaded = new Map<FontName, Buffer>();

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

/** The font's bytes, read once per process. */
export function fontData(name: FontName): Buffer {
	let data = loaded.get(name);
	if (!data) {
		data = fs.readFileSync(fontPath(name));
		loaded.set(name, data);
	}
	return data;
}
