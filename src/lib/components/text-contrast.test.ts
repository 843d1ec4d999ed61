import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** WCAG 2.x relative luminance of a #rgb / #rrggbb colour. */
function luminance(hex: string): number {
	let h = hex.slice(1);
	if (h.length === 3) h = [...h].map((c) => c + c).join('');
	const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
};

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const file = path.join(dir, name);
		if (statSync(file).isDirectory()) return sources(file);
		return /\.(svelte|css)$/.test(name) ? [file] : [];
	});
}

describe('text colours', () => {
	it('computes the WCAG ratio (black on white is 21:1)', () => {
		expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
		expect(contrast('#8a8278', '#fff')).toBeLessThan(4.5);
	});

	// Dark text is set on the app's white cards and its light page (#f4f1ea); light text (white on a
	// button, a header) is on dark grounds and is not measured here.
	it('every dark text colour in the app reads at 4.5:1 on white and on the page background', () => {
		const weak: string[] = [];
		for (const file of sources(path.resolve('src'))) {
			const text = readFileSync(file, 'utf8');
			for (const m of text.matchAll(/(?<![-\w])color:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b/g)) {
				const colour = m[1];
				if (luminance(colour) > 0.4) continue;
				for (const ground of ['#ffffff', '#f4f1ea']) {
					if (contrast(colour, ground) < 4.5) weak.push(`${path.relative('src', file)}: ${colour} on ${ground} ${contrast(colour, ground).toFixed(2)}:1`);
				}
			}
		}
		expect(weak).toEqual([]);
	});

	it('the muted token is what the disabled request types use', () => {
		const layout = readFileSync(path.resolve('src/routes/+layout.svelte'), 'utf8');
		const muted = /--muted:\s*(#[0-9a-fA-F]{6})/.exec(layout)?.[1];
		expect(muted).toBeDefined();
		expect(contrast(muted!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
		expect(readFileSync(path.resolve('src/routes/requests/new/+page.svelte'), 'utf8')).toMatch(/\.type\.disabled\s*\{[^}]*var\(--muted\)/);
	});
});
