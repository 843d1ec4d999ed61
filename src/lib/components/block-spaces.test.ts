import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

/**
 * Svelte 5 drops the whitespace at the start and the end of a block's content: `{name}{#if role} — {role}{/if}`
 * renders «Maryam— officer». A space meant to be there is written `{' '}`. This finds the ones that would vanish.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');

function svelteFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? svelteFiles(full) : entry.name.endsWith('.svelte') ? [full] : [];
	});
}

type Node = { type: string; start: number; data?: string; nodes?: Node[] } & Record<string, unknown>;

/** Each block's fragments (an if's branches, an each's body, …), every level down. */
function* fragments(node: unknown): Generator<Node[]> {
	if (!node || typeof node !== 'object') return;
	const n = node as Node;
	if (/Block$/.test(n.type)) {
		for (const key of ['consequent', 'alternate', 'body', 'fallback', 'pending', 'then', 'catch', 'fragment']) {
			const fragment = n[key] as { nodes?: Node[] } | null | undefined;
			if (fragment?.nodes) yield fragment.nodes;
		}
	}
	for (const value of Object.values(n)) {
		if (Array.isArray(value)) for (const item of value) yield* fragments(item);
		else if (value && typeof value === 'object') yield* fragments(value);
	}
}

describe('Svelte blocks', () => {
	it('write a space at their start or end as {" "}, since Svelte drops a bare one', () => {
		const files = svelteFiles(path.join(ROOT, 'src'));
		expect(files.length).toBeGreaterThan(50);
		const offenders: string[] = [];
		for (const file of files) {
			const source = fs.readFileSync(file, 'utf8');
			const ast = parse(source, { modern: true });
			const line = (at: number) => source.slice(0, at).split('\n').length;
			for (const nodes of fragments(ast.fragment)) {
				if (nodes.length === 0) continue;
				const first = nodes[0];
				const last = nodes[nodes.length - 1];
				if (first.type === 'Text' && /^[ \t]+\S/.test(first.data ?? '')) offenders.push(`${path.relative(ROOT, file)}:${line(first.start)} starts with a space`);
				if (last.type === 'Text' && /\S[ \t]+$/.test(last.data ?? '')) offenders.push(`${path.relative(ROOT, file)}:${line(last.start)} ends with a space`);
			}
		}
		expect(offenders).toEqual([]);
	});
});
