import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The CLI (`npm run gis`, `npm run bench`, `npm run loadtest`) runs server modules under tsx, which
 * knows no SvelteKit aliases: on a fresh clone (no `.svelte-kit/`) a `$lib/...` import in a module
 * the CLI reaches stops it with ERR_MODULE_NOT_FOUND. So server code and what it shares import
 * relatively; `.svelte` files and routes may use `$lib`.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const SHARED = ['src/lib/server', 'src/lib/domain', 'src/lib/i18n', 'src/lib/api', 'gis', 'scripts'];

function tsFiles(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : tsFiles(full);
		return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
	});
}

describe('modules the CLI shares', () => {
	it('import without SvelteKit aliases', () => {
		const files = SHARED.flatMap((dir) => tsFiles(path.join(ROOT, dir)));
		expect(files.length).toBeGreaterThan(100);
		const offenders = files
			.filter((file) => /from\s+['"]\$lib|import\(\s*['"]\$lib/.test(fs.readFileSync(file, 'utf8')))
			.map((file) => path.relative(ROOT, file));
		expect(offenders).toEqual([]);
	});
});
