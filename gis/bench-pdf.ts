/**
 * `npm run bench:pdf` — a benchmark, not a test: how long `renderOfficialDocument()` takes per PDF
 * once warm, and how big the PDFs are, for the example document of each kind.
 *
 * One process renders every example `BENCH_PDF_WARMUP` times (default 5: JIT, font parsing),
 * then `BENCH_PDF_ROUNDS` rounds (default 10, so 50 PDFs) of all five kinds in turn, timing each
 * render to the finished Buffer. Prints, per kind and overall: median, p95, min and max in ms,
 * and bytes. Rendering is synchronous CPU work, so a busy machine shows directly in the figures.
 */
import { performance } from 'node:perf_hooks';
import { EXAMPLE_DOCUMENTS } from '../src/lib/server/pdf/official-document.examples';
import type { OfficialDocumentKind } from '../src/lib/server/pdf/official-document';
import { renderOfficialDocument } from '../src/lib/server/pdf/render-official-document';

const WARMUP = Number(process.env.BENCH_PDF_WARMUP ?? 5);
const ROUNDS = Number(process.env.BENCH_PDF_ROUNDS ?? 10);

function quantile(sorted: number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function row(name: string, times: number[], bytes: string): string {
	const s = [...times].sort((a, b) => a - b);
	const ms = (v: number) => v.toFixed(1).padStart(7);
	return `${name.padEnd(18)} ${String(s.length).padStart(4)} ${ms(quantile(s, 0.5))} ${ms(quantile(s, 0.95))} ${ms(s[0])} ${ms(s.at(-1)!)} ${bytes.padStart(9)}`;
}

const kinds = Object.keys(EXAMPLE_DOCUMENTS) as OfficialDocumentKind[];
const started = performance.now();
for (let i = 0; i < WARMUP; i++) for (const kind of kinds) await renderOfficialDocument(EXAMPLE_DOCUMENTS[kind]);
const warmup = performance.now() - started;

const times = new Map<OfficialDocumentKind, number[]>(kinds.map((k) => [k, []]));
const sizes = new Map<OfficialDocumentKind, number>();
for (let round = 0; round < ROUNDS; round++) {
	for (const kind of kinds) {
		const t = performance.now();
		const pdf = await renderOfficialDocument(EXAMPLE_DOCUMENTS[kind]);
		times.get(kind)!.push(performance.now() - t);
		sizes.set(kind, pdf.length);
	}
}

console.log(`Node ${process.version}; warm-up ${WARMUP}×${kinds.length} renders in ${warmup.toFixed(0)} ms`);
console.log(`${'kind'.padEnd(18)} ${'n'.padStart(4)} ${'median'.padStart(7)} ${'p95'.padStart(7)} ${'min'.padStart(7)} ${'max'.padStart(7)} ${'bytes'.padStart(9)}`);
for (const kind of kinds) console.log(row(kind, times.get(kind)!, String(sizes.get(kind))));
const all = [...times.values()].flat();
const meanBytes = [...sizes.values()].reduce((a, b) => a + b, 0) / sizes.size;
console.log(row('all', all, `~${Math.round(meanBytes / 1024)} KB`));
